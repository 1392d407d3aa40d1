-- Outreach visits logged by guides. `visits` holds each visit's latest revision, the columns
-- that lists, the client's timeline and the pilot's figures read.

CREATE TABLE visits (
  org_id           text        NOT NULL,
  id               uuid        NOT NULL,
  client_id        uuid        NOT NULL,
  assignment_id    uuid        NOT NULL,
  guide_id         uuid        NOT NULL,
  start_time       timestamptz NOT NULL,
  duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  mode             text        NOT NULL CHECK (mode IN ('IN_PERSON', 'PHONE', 'VIDEO', 'ACCOMPANIED')),
  places           text[]      NOT NULL DEFAULT '{}',
  summary          text        NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  revision         integer     NOT NULL DEFAULT 1,  -- the latest revision; 1 until amended
  create_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id),
  FOREIGN KEY (org_id, guide_id) REFERENCES guides (org_id, id)
);
CREATE INDEX visits_by_client ON visits (org_id, client_id, start_time DESC, id DESC);
CREATE INDEX visits_by_guide ON visits (org_id, guide_id, start_time DESC, id DESC);
