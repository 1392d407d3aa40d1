-- The access log (käyttöloki): who processed which client's data, when, how, and with what
-- outcome (Act 703/2023). One row per client per call; written in the same transaction as the
-- data it records. Append-only: nothing may change or remove a row.

CREATE TABLE access_log (
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  time       timestamptz NOT NULL DEFAULT clock_timestamp(),
  org_id     text        NOT NULL,  -- the client's organization: the data controller
  actor_org  text        NOT NULL,  -- the caller's; differs only for refused attempts
  actor      text        NOT NULL,
  role       text        NOT NULL,
  method     text        NOT NULL,
  client_id  uuid        NOT NULL,
  resource   text        NOT NULL,
  outcome    text        NOT NULL CHECK (outcome IN ('OK', 'DENIED', 'ERROR')),
  request_id text        NOT NULL,
  PRIMARY KEY (id)
);
-- One client's log, newest first (the client's data request, the data protection officer).
CREATE INDEX access_log_by_client ON access_log (org_id, client_id, time DESC, id DESC);

CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only();
-- For a deployment where the service connects as its own role: it may add and read rows only.
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;

-- A replayed request returns a client's data again, and is logged like any read: the key
-- remembers which resource its response shows.
ALTER TABLE idempotency_keys ADD COLUMN resource_id text;
