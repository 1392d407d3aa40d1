-- Progress notes (edistymismerkinnät) with their GAS ratings, the history of assignment changes
-- that the client's timeline shows, and the ratings that stand once notes are corrected.

-- Append-only: a correction is a new note naming the one it corrects; both are kept.
CREATE TABLE progress_notes (
  org_id        text        NOT NULL,
  id            uuid        NOT NULL,
  client_id     uuid        NOT NULL,
  assignment_id uuid        NOT NULL,
  author        text        NOT NULL,  -- the token's sub; a guide's is their resource name
  author_role   text        NOT NULL CHECK (author_role IN ('GUIDE', 'SOCIAL_WORKER', 'COORDINATOR')),
  text          text        NOT NULL DEFAULT '' CHECK (length(text) <= 8000),
  visibility    text        NOT NULL CHECK (visibility IN ('SHARED', 'STAFF_ONLY')),
  corrects_id   uuid,
  -- The time the note speaks of: its own create_time, or for a correction that of the note it
  -- corrects, so that the correction's ratings take the corrected ones' place in a goal's history.
  observed_time timestamptz NOT NULL,
  create_time   timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id),
  FOREIGN KEY (org_id, corrects_id) REFERENCES progress_notes (org_id, id),
  -- Guides never write staff-only notes.
  CHECK (author_role <> 'GUIDE' OR visibility = 'SHARED')
);
-- A client's notes newest first: ListProgressNotes and the timeline.
CREATE INDEX progress_notes_by_client ON progress_notes (org_id, client_id, create_time DESC, id DESC);
CREATE INDEX progress_notes_by_corrected ON progress_notes (org_id, corrects_id)
  WHERE corrects_id IS NOT NULL;

CREATE FUNCTION refuse_change_of_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER progress_notes_no_update_or_delete BEFORE UPDATE OR DELETE ON progress_notes
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();

-- A note's ratings are read by their source.
CREATE INDEX goal_ratings_by_source ON goal_ratings (org_id, source_id);

-- The ratings that stand: a corrected note's ratings give way to those of its correction.
CREATE VIEW current_goal_ratings AS
  SELECT r.* FROM goal_ratings r
  WHERE NOT (r.source_kind = 'NOTE' AND EXISTS (
    SELECT 1 FROM progress_notes c WHERE c.org_id = r.org_id AND c.corrects_id = r.source_id));

-- Every change of an assignment's state, for the timeline. Kept by a trigger, so that whichever
-- code changes an assignment, the change is recorded in its transaction. Who made it is not
-- known here: assignments are changed by staff.
CREATE TABLE assignment_changes (
  org_id        text        NOT NULL,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  assignment_id uuid        NOT NULL,
  client_id     uuid        NOT NULL,
  guide_id      uuid        NOT NULL,
  change        text        NOT NULL CHECK (change IN ('STARTED', 'PAUSED', 'RESUMED', 'ENDED')),
  end_reason    text,
  time          timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, assignment_id) REFERENCES assignments (org_id, id)
);
CREATE INDEX assignment_changes_by_client
  ON assignment_changes (org_id, client_id, time DESC, id DESC);

CREATE FUNCTION record_assignment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.state IS NOT DISTINCT FROM OLD.state THEN
    RETURN NULL;
  END IF;
  INSERT INTO assignment_changes (org_id, assignment_id, client_id, guide_id, change, end_reason,
                                  time)
  VALUES (NEW.org_id, NEW.id, NEW.client_id, NEW.guide_id,
          CASE WHEN TG_OP = 'INSERT' THEN 'STARTED'
               WHEN NEW.state = 'PAUSED' THEN 'PAUSED'
               WHEN NEW.state = 'ACTIVE' THEN 'RESUMED'
               ELSE 'ENDED' END,
          NEW.end_reason,
          CASE WHEN TG_OP = 'INSERT' THEN NEW.start_time
               WHEN NEW.state = 'ENDED' THEN NEW.end_time
               ELSE NEW.update_time END);
  RETURN NULL;
END;
$$;
CREATE TRIGGER assignments_record_change AFTER INSERT OR UPDATE OF state ON assignments
  FOR EACH ROW EXECUTE FUNCTION record_assignment_change();

-- Assignments made before this migration: their start, their end, and a pause still in force
-- (earlier pauses were not recorded).
INSERT INTO assignment_changes (org_id, assignment_id, client_id, guide_id, change, end_reason, time)
  SELECT org_id, id, client_id, guide_id, 'STARTED', NULL, start_time FROM assignments
  UNION ALL
  SELECT org_id, id, client_id, guide_id, 'PAUSED', NULL, update_time FROM assignments
  WHERE state = 'PAUSED'
  UNION ALL
  SELECT org_id, id, client_id, guide_id, 'ENDED', end_reason, end_time FROM assignments
  WHERE state = 'ENDED';
