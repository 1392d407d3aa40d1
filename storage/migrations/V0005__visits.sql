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
-- The organization's visits by time: staff's lists across clients and the pilot's figures.
CREATE INDEX visits_by_time ON visits (org_id, start_time DESC, id DESC);

-- Every revision of a visit as the guide wrote it, the first included: `visits` shows the latest,
-- these keep what was first written. Append-only, like the access log.
CREATE TABLE visit_revisions (
  org_id           text        NOT NULL,
  visit_id         uuid        NOT NULL,
  revision         integer     NOT NULL CHECK (revision >= 1),
  start_time       timestamptz NOT NULL,
  duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  mode             text        NOT NULL CHECK (mode IN ('IN_PERSON', 'PHONE', 'VIDEO', 'ACCOMPANIED')),
  places           text[]      NOT NULL DEFAULT '{}',
  goal_ids         uuid[]      NOT NULL DEFAULT '{}',  -- in the order given
  summary          text        NOT NULL DEFAULT '' CHECK (length(summary) <= 4000),
  amend_reason     text        NOT NULL DEFAULT '',  -- empty for the first
  author           text        NOT NULL,  -- the guide's resource name
  create_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, visit_id, revision),
  FOREIGN KEY (org_id, visit_id) REFERENCES visits (org_id, id)
);

-- ACCOMPANIED visits: what happened at each place, per revision.
CREATE TABLE visit_place_outcomes (
  org_id      text    NOT NULL,
  visit_id    uuid    NOT NULL,
  revision    integer NOT NULL,
  place       text    NOT NULL,
  position    integer NOT NULL,
  appointment text    NOT NULL CHECK (appointment IN ('KEPT', 'MISSED', 'RESCHEDULED', 'WALK_IN')),
  actions     text[]  NOT NULL DEFAULT '{}',
  acting      text    NOT NULL
              CHECK (acting IN ('CLIENT_ON_OWN', 'CLIENT_WITH_GUIDE', 'GUIDE_FOR_CLIENT')),
  note        text    NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  PRIMARY KEY (org_id, visit_id, revision, place),
  FOREIGN KEY (org_id, visit_id, revision) REFERENCES visit_revisions (org_id, visit_id, revision)
);

CREATE FUNCTION visit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a visit''s revisions are kept as written; amend the visit instead'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER visit_revisions_no_update_or_delete BEFORE UPDATE OR DELETE ON visit_revisions
  FOR EACH ROW EXECUTE FUNCTION visit_record_is_append_only();
CREATE TRIGGER visit_place_outcomes_no_update_or_delete
  BEFORE UPDATE OR DELETE ON visit_place_outcomes
  FOR EACH ROW EXECUTE FUNCTION visit_record_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON visit_revisions, visit_place_outcomes FROM PUBLIC;

-- The goals the latest revision of a visit worked on, for finding a goal's visits.
CREATE TABLE visit_goals (
  org_id   text NOT NULL,
  visit_id uuid NOT NULL,
  goal_id  uuid NOT NULL,
  PRIMARY KEY (org_id, visit_id, goal_id),
  FOREIGN KEY (org_id, visit_id) REFERENCES visits (org_id, id),
  FOREIGN KEY (org_id, goal_id) REFERENCES goals (org_id, id)
);
CREATE INDEX visit_goals_by_goal ON visit_goals (org_id, goal_id);

-- Staff's notes beside a visit: they do not rewrite the guide's words.
CREATE TABLE visit_correction_notes (
  org_id      text        NOT NULL,
  id          uuid        NOT NULL,
  visit_id    uuid        NOT NULL,
  text        text        NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  author      text        NOT NULL,
  author_role text        NOT NULL,
  create_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, visit_id) REFERENCES visits (org_id, id)
);
CREATE INDEX visit_correction_notes_by_visit
  ON visit_correction_notes (org_id, visit_id, create_time, id);
