-- One ImportClients batch of 500 new clients, as rinnalla writes it in one transaction
-- (bench/import_clients.sh): look the refs up, insert the clients, their refs, the events and
-- the access-log rows, each many rows per statement.
BEGIN;
SET LOCAL statement_timeout = 60000;
CREATE TEMP TABLE batch ON COMMIT DROP AS
  SELECT gen_random_uuid() AS id, gen_random_uuid()::text AS ref, g FROM generate_series(1, 500) g;
SELECT r.client_id FROM batch k CROSS JOIN LATERAL (SELECT client_id FROM client_external_refs r
  WHERE r.org_id = 'pgbench' AND r.system = 'load' AND r.external_id = k.ref) r;
INSERT INTO clients (org_id, id, display_name, birth_year, municipality, languages, state, revision)
  SELECT 'pgbench', id, 'Client ' || g, 1970 + g % 40, '398', '{fi}', 'ACTIVE', 1 FROM batch;
INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)
  SELECT 'pgbench', 'load', ref, id, 0 FROM batch;
INSERT INTO events (org_id, kind, resource)
  SELECT 'pgbench', 'client.created', 'organizations/pgbench/clients/' || id FROM batch ORDER BY g;
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, outcome,
                        request_id)
  SELECT 'pgbench', 'pgbench', 'systems/bench', 'integration',
         '/rinnalla.v1.Integration/ImportClients', id, 'organizations/pgbench/clients/' || id,
         'OK', 'bench' FROM batch;
COMMIT;
