-- The role the service runs as: `rinnalla_service`, a group role without login. The operator
-- makes the server's own login role a member of it (docs/operations.md); migrations run as the
-- owner of the tables, serving pods never do. The service may read and write what its work
-- needs, and may only add to and read the records the law wants kept as they were written: the
-- access log and the visits' revisions and place outcomes. It cannot change the schema.
--
-- The role is made here when it is missing (which needs CREATEROLE); an operator whose migration
-- role lacks that makes the role beforehand (CloudNativePG: `managed.roles`).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rinnalla_service') THEN
    CREATE ROLE rinnalla_service NOLOGIN;
  END IF;
EXCEPTION
  -- Another database of the same cluster made it a moment ago.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO rinnalla_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rinnalla_service;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rinnalla_service;
REVOKE UPDATE, DELETE ON access_log, visit_revisions, visit_place_outcomes FROM rinnalla_service;
-- The server reads which migrations are applied and refuses a schema it does not know.
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM rinnalla_service;

-- Tables and sequences later migrations make get the same grants; an append-only one revokes
-- UPDATE and DELETE in its own migration (a storage test checks every table).
ALTER DEFAULT PRIVILEGES IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rinnalla_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO rinnalla_service;
