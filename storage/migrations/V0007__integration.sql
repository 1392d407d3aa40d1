-- Integration: the event feed that client record systems follow. The feed delivers events of
-- finished transactions only, in (xid, seq) order, so an event whose transaction commits late
-- is still delivered after the ones before it; nothing is ever skipped.

-- The feed reads (org_id, xid, seq) ranges in order. The same index answers the guide pool's
-- "has anything committed since my snapshot?" (org_id, xid >= ...), which had an index of its own.
CREATE INDEX events_feed ON events (org_id, xid, seq);
DROP INDEX events_by_org_xid;
-- Nothing reads events in seq order alone; one index less to write per event.
DROP INDEX events_by_org;

-- Events are kept for a while (rinnalla-server --event-retention) and then pruned. Each
-- organization's horizon is the furthest feed position pruned: a cursor before it may have
-- missed events, so it is refused (CURSOR_EXPIRED) instead of silently skipping them.
CREATE TABLE event_horizons (
  org_id text   PRIMARY KEY,
  xid    xid8   NOT NULL,
  seq    bigint NOT NULL
);

-- Wakes the servers' feed watchers when events commit (NOTIFY is delivered at commit): one
-- notification per organization per statement; the payload is the organization id only.
CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rinnalla_events', o.org_id) FROM (SELECT DISTINCT org_id FROM new_events) AS o;
  RETURN NULL;
END;
$$;
CREATE TRIGGER events_notify AFTER INSERT ON events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
