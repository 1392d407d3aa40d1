-- Joint goal-setting meetings (initial, review, closing), the goals agreed in them with their GAS
-- levels, the ratings of those goals over time, and the client's consent to information sharing
-- between the guide and the social worker.

-- The day guidance really starts: the first meeting held.
ALTER TABLE assignments ADD COLUMN first_meeting_time timestamptz;

CREATE TABLE meetings (
  org_id           text        NOT NULL,
  id               uuid        NOT NULL,
  client_id        uuid        NOT NULL,
  assignment_id    uuid        NOT NULL,
  kind             text        NOT NULL CHECK (kind IN ('INITIAL', 'REVIEW', 'CLOSING')),
  scheduled_time   timestamptz NOT NULL,
  place            text        NOT NULL DEFAULT '',
  state            text        NOT NULL CHECK (state IN ('SCHEDULED', 'HELD', 'CANCELLED')),
  cancel_reason    text        NOT NULL DEFAULT '',
  -- The latest recorded outcome (meeting_outcomes); 0 while none is recorded.
  outcome_revision integer     NOT NULL DEFAULT 0,
  created_by       text        NOT NULL,
  revision         bigint      NOT NULL DEFAULT 1,
  create_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id),
  CHECK ((state = 'HELD') = (outcome_revision > 0))
);
CREATE INDEX meetings_by_client ON meetings (org_id, client_id, scheduled_time, id);
CREATE INDEX meetings_by_assignment ON meetings (org_id, assignment_id, scheduled_time);

-- What a held meeting recorded: the first record and every amendment, each kept whole. A
-- meeting shows its latest; earlier ones stay for the record.
CREATE TABLE meeting_outcomes (
  org_id        text        NOT NULL,
  meeting_id    uuid        NOT NULL,
  revision      integer     NOT NULL CHECK (revision >= 1),
  held_time     timestamptz NOT NULL,
  summary       text        NOT NULL DEFAULT '',
  amend_reason  text        NOT NULL DEFAULT '',  -- empty for the first record
  recorded_by   text        NOT NULL,
  recorded_role text        NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, meeting_id, revision),
  FOREIGN KEY (org_id, meeting_id) REFERENCES meetings (org_id, id)
);

CREATE TABLE meeting_participants (
  org_id       text    NOT NULL,
  meeting_id   uuid    NOT NULL,
  revision     integer NOT NULL,
  position     integer NOT NULL,
  role         text    NOT NULL CHECK (role IN ('CLIENT', 'SOCIAL_WORKER', 'GUIDE', 'OTHER')),
  identity     text    NOT NULL DEFAULT '',  -- staff: their sub; guide: their resource name
  display_name text    NOT NULL DEFAULT '',  -- for OTHER participants, e.g. "Kela officer"
  present      boolean NOT NULL,
  PRIMARY KEY (org_id, meeting_id, revision, position),
  FOREIGN KEY (org_id, meeting_id, revision) REFERENCES meeting_outcomes (org_id, meeting_id, revision)
);

-- Support needs mapped together, in the client's own words.
CREATE TABLE meeting_support_needs (
  org_id      text    NOT NULL,
  meeting_id  uuid    NOT NULL,
  revision    integer NOT NULL,
  position    integer NOT NULL,
  area        text,  -- an experience area, or NULL
  description text    NOT NULL,
  PRIMARY KEY (org_id, meeting_id, revision, position),
  FOREIGN KEY (org_id, meeting_id, revision) REFERENCES meeting_outcomes (org_id, meeting_id, revision)
);

CREATE TABLE goals (
  org_id            text        NOT NULL,
  id                uuid        NOT NULL,
  client_id         uuid        NOT NULL,
  assignment_id     uuid        NOT NULL,
  title             text        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  area              text,  -- an experience area, or NULL
  -- Five descriptions, for -2, -1, 0, +1, +2; required from AGREED on.
  gas_levels        text[]      NOT NULL DEFAULT '{}',
  target_date       date,
  weight            integer     NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 10),
  state             text        NOT NULL
                    CHECK (state IN ('PROPOSED', 'AGREED', 'ACHIEVED', 'NOT_ACHIEVED', 'DROPPED')),
  agreed_meeting_id uuid,  -- the meeting where it was agreed, if it was agreed at one
  agreed_by         text[]      NOT NULL DEFAULT '{}',  -- who agreed: roles or identities
  agreed_time       timestamptz,
  closed_time       timestamptz,
  created_by        text        NOT NULL,
  revision          bigint      NOT NULL DEFAULT 1,
  create_time       timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time       timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id),
  FOREIGN KEY (org_id, agreed_meeting_id) REFERENCES meetings (org_id, id),
  CHECK (state IN ('PROPOSED', 'DROPPED') OR cardinality(gas_levels) = 5),
  CHECK ((state = 'PROPOSED') = (agreed_time IS NULL) OR state = 'DROPPED')
);
CREATE INDEX goals_by_client ON goals (org_id, client_id, create_time, id);
CREATE INDEX goals_by_assignment ON goals (org_id, assignment_id);

-- Each rating of a goal on its GAS scale, from a progress note or a meeting, by whose view
-- (the client's own, the guide's, the social worker's). Append-only by use: a correction is a
-- new rating.
CREATE TABLE goal_ratings (
  org_id      text        NOT NULL,
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  client_id   uuid        NOT NULL,
  goal_id     uuid        NOT NULL,
  score       integer     NOT NULL CHECK (score BETWEEN -2 AND 2),
  rated_by    text        NOT NULL CHECK (rated_by IN ('CLIENT', 'GUIDE', 'SOCIAL_WORKER')),
  comment     text        NOT NULL DEFAULT '',
  source_kind text        NOT NULL CHECK (source_kind IN ('NOTE', 'MEETING')),
  source_id   uuid        NOT NULL,  -- the note or the meeting
  recorded_by text        NOT NULL,
  time        timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, goal_id) REFERENCES goals (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
);
CREATE INDEX goal_ratings_by_goal ON goal_ratings (org_id, goal_id, time, id);
CREATE INDEX goal_ratings_by_client ON goal_ratings (org_id, client_id, time);

-- Whether the client agrees that the guide and the social worker share information about the
-- guidance: every decision is kept, the latest one holds. No row: not given.
CREATE TABLE information_sharing_consents (
  org_id        text        NOT NULL,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  client_id     uuid        NOT NULL,
  assignment_id uuid        NOT NULL,
  granted       boolean     NOT NULL,
  meeting_id    uuid,  -- when recorded with a meeting's outcome
  recorded_by   text        NOT NULL,
  recorded_role text        NOT NULL,
  recorded_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id)
);
CREATE INDEX information_sharing_consents_by_assignment
  ON information_sharing_consents (org_id, assignment_id, recorded_time DESC, id DESC);

-- The one definition of the rule, for every service that shows a guide's words to staff.
CREATE FUNCTION information_sharing_granted(p_org text, p_assignment uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT granted FROM information_sharing_consents
                   WHERE org_id = p_org AND assignment_id = p_assignment
                   ORDER BY recorded_time DESC, id DESC LIMIT 1), false)
$$;
