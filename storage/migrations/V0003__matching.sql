-- Matching: referrals, "I know this person" exclusions, assignments, and the outbox of events
-- that a record system follows.

CREATE TABLE referrals (
  org_id        text        NOT NULL,
  id            uuid        NOT NULL,
  client_id     uuid        NOT NULL,
  needs         text[]      NOT NULL,
  languages     text[]      NOT NULL,
  municipality  text        NOT NULL,
  preferences   text        NOT NULL DEFAULT '',
  note          text        NOT NULL DEFAULT '',
  state         text        NOT NULL CHECK (state IN ('OPEN', 'MATCHED', 'CANCELLED')),
  cancel_reason text        NOT NULL DEFAULT '',
  created_by    text        NOT NULL,
  revision      bigint      NOT NULL DEFAULT 1,
  create_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
);
CREATE INDEX referrals_by_creation ON referrals (org_id, create_time, id);

CREATE TABLE match_exclusions (
  org_id      text        NOT NULL,
  id          uuid        NOT NULL,
  client_id   uuid        NOT NULL,
  guide_id    uuid        NOT NULL,
  reason      text        NOT NULL DEFAULT '',
  created_by  text        NOT NULL,
  create_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, client_id, guide_id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, guide_id) REFERENCES guides (org_id, id)
);

CREATE TABLE assignments (
  org_id      text        NOT NULL,
  id          uuid        NOT NULL,
  client_id   uuid        NOT NULL,
  guide_id    uuid        NOT NULL,
  referral_id uuid        NOT NULL,
  state       text        NOT NULL CHECK (state IN ('ACTIVE', 'PAUSED', 'ENDED')),
  start_time  timestamptz NOT NULL DEFAULT clock_timestamp(),
  end_time    timestamptz,
  end_reason  text CHECK (end_reason IN ('GOALS_REACHED', 'CLIENT_DECLINED', 'CLIENT_MOVED',
                                         'GUIDE_UNAVAILABLE', 'REMATCH', 'OTHER')),
  end_note    text        NOT NULL DEFAULT '',
  revision    bigint      NOT NULL DEFAULT 1,
  create_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, guide_id) REFERENCES guides (org_id, id),
  FOREIGN KEY (org_id, referral_id) REFERENCES referrals (org_id, id),
  CHECK ((state = 'ENDED') = (end_time IS NOT NULL AND end_reason IS NOT NULL))
);
-- A client has at most one ACTIVE or PAUSED assignment: the database holds it.
CREATE UNIQUE INDEX assignments_one_open_per_client ON assignments (org_id, client_id)
  WHERE state IN ('ACTIVE', 'PAUSED');
CREATE INDEX assignments_by_guide ON assignments (org_id, guide_id, state);
CREATE INDEX assignments_by_client ON assignments (org_id, client_id, create_time);
CREATE INDEX assignments_by_creation ON assignments (org_id, create_time, id);

-- A guide's ACTIVE and PAUSED assignments, kept with the guide so that the caseload cap is one
-- conditional UPDATE under the guide's row lock: concurrent AssignGuide calls never overbook.
ALTER TABLE guides ADD COLUMN active_client_count integer NOT NULL DEFAULT 0
  CHECK (active_client_count >= 0);
-- A guide's experience areas as bits (the DOMAIN.md code list's order), so suggestions ship one
-- integer per guide and score coverage with a popcount.
CREATE FUNCTION experience_mask(areas text[]) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(1 << (array_position(ARRAY[
    'SUBSTANCE_USE', 'OPIOID_SUBSTITUTION_TREATMENT', 'MENTAL_HEALTH', 'HOMELESSNESS',
    'LONG_TERM_UNEMPLOYMENT', 'IMMIGRATION', 'CRIMINAL_SANCTIONS', 'DEBT', 'DOMESTIC_VIOLENCE',
    'FAMILY_AND_PARENTING', 'CHRONIC_ILLNESS', 'GAMBLING'], area) - 1)), 0)
  FROM unnest(areas) AS area
$$;
ALTER TABLE guides ADD COLUMN experience_mask integer
  GENERATED ALWAYS AS (experience_mask(experience_areas)) STORED;
-- Suggestions: the organization's active guides with room.
CREATE INDEX guides_with_room ON guides (org_id)
  WHERE state = 'ACTIVE' AND active_client_count < max_active_clients;

-- The outbox: one row per change, written in the change's transaction, for the event feed.
CREATE TABLE events (
  seq            bigserial   PRIMARY KEY,
  xid            xid8        NOT NULL DEFAULT pg_current_xact_id(),
  org_id         text        NOT NULL,
  kind           text        NOT NULL,
  resource       text        NOT NULL,
  changed_fields text[]      NOT NULL DEFAULT '{}',
  time           timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX events_by_org ON events (org_id, seq);
-- "Has anything committed since this snapshot?" (the guide pool cache of suggestions).
CREATE INDEX events_by_org_xid ON events (org_id, xid);
