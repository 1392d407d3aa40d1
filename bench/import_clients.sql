-- One ImportClients batch of 500 new clients (bench/import_clients.sh): the statements rinnalla
-- runs for it in one transaction (storage/src/client_rows.cc, outbox.cc, access_log_writer.cc),
-- with the values as the server binds them: each batch of rows one JSON parameter, read by
-- json_to_recordset (a client's languages in it as an array literal). The server makes those texts in C++; here the statement that begins the
-- transaction makes them, so the transaction begins in one round trip as the server's does. No
-- temporary table, no catalog writes: the server makes none.
\set batch random(1, 1000000000000)
BEGIN \; SET LOCAL statement_timeout = 60000 \; SELECT
  json_agg(json_build_object('id', md5(:batch || '-' || g)::uuid,
                             'name', 'Client pgbench-' || :batch || '-' || g,
                             'year', 1970 + g % 40, 'muni', '398', 'langs', '{"fi"}',
                             'state', 'ACTIVE', 'rev', 1) ORDER BY g) AS clients,
  json_agg(json_build_object('system', 'load', 'external_id', 'pgbench-' || :batch || '-' || g)
           ORDER BY g) AS refs,
  json_agg(json_build_object('system', 'load', 'external_id', 'pgbench-' || :batch || '-' || g,
                             'client_id', md5(:batch || '-' || g)::uuid, 'position', 0)
           ORDER BY g) AS held_refs,
  json_agg(json_build_object('n', g - 1, 'kind', 'client.created',
                             'resource', 'organizations/pgbench/clients/'
                                         || md5(:batch || '-' || g)::uuid,
                             'fields', json_build_array()) ORDER BY g) AS events,
  json_agg(json_build_object('org', 'pgbench', 'actor_org', 'pgbench', 'actor', 'systems/bench',
                             'role', 'integration',
                             'method', '/rinnalla.v1.Integration/ImportClients',
                             'client', md5(:batch || '-' || g)::uuid,
                             'request_id', 'bench-request') ORDER BY g) AS accesses
  FROM generate_series(1, 500) g \gset
-- Who holds each ref (SelectExternalRefs); none do, so no client is locked.
SELECT r.system, r.external_id, CAST(r.client_id AS text), r.position
  FROM (SELECT DISTINCT * FROM json_to_recordset(CAST(':refs' AS json))
        AS k(system text, external_id text)) k
  CROSS JOIN LATERAL (SELECT * FROM client_external_refs r WHERE r.org_id = 'pgbench'
                      AND r.system = k.system AND r.external_id = k.external_id) r;
-- InsertClients
INSERT INTO clients (org_id, id, display_name, birth_year, municipality, languages, state,
                     revision)
  SELECT 'pgbench', r.id, r.name, r.year, NULLIF(r.muni, ''), CAST(r.langs AS text[]), r.state,
         r.rev
  FROM json_to_recordset(CAST(':clients' AS json)) AS r(id uuid, name text, year int,
       muni text, langs text, state text, rev bigint);
-- InsertExternalRefs
INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)
  SELECT 'pgbench', k.system, k.external_id, k.client_id, k.position
  FROM json_to_recordset(CAST(':held_refs' AS json))
       AS k(system text, external_id text, client_id uuid, position int);
-- AppendEvents
INSERT INTO events (org_id, kind, resource, changed_fields)
  SELECT 'pgbench', e.kind, e.resource, e.fields
  FROM json_to_recordset(CAST(':events' AS json))
       AS e(n int, kind text, resource text, fields text[])
  ORDER BY e.n;
-- AppendAccessForEach
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, outcome,
                        request_id)
  SELECT r.org, r.actor_org, r.actor, r.role, r.method, r.client,
         'organizations/' || r.org || '/clients/' || r.client, 'OK', r.request_id
  FROM json_to_recordset(CAST(':accesses' AS json)) AS r(org text, actor_org text, actor text,
       role text, method text, client uuid, request_id text);
COMMIT;
