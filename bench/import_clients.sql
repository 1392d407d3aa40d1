-- One ImportClients batch of 500 new clients (bench/import_clients.sh): the statements rinnalla
-- runs for it in one transaction (storage/src/client_rows.cc, outbox.cc, access_log_writer.cc),
-- with the values as the server binds them: each column one text, its values joined by chr(30)
-- (the access log's client ids by chr(31)). The server makes those texts in C++; here the
-- statement that begins the transaction makes them, so the transaction begins in one round trip
-- as the server's does. No temporary table, no catalog writes: the server makes none.
\set batch random(1, 1000000000000)
BEGIN \; SET LOCAL statement_timeout = 60000 \; SELECT
  string_agg(md5(:batch || '-' || g)::uuid::text, chr(30) ORDER BY g) AS ids,
  string_agg(md5(:batch || '-' || g)::uuid::text, chr(31) ORDER BY g) AS logged_ids,
  string_agg('Client pgbench-' || :batch || '-' || g, chr(30) ORDER BY g) AS names,
  string_agg((1970 + g % 40)::text, chr(30) ORDER BY g) AS years,
  string_agg('398', chr(30)) AS munis, string_agg('fi', chr(30)) AS langs,
  string_agg('ACTIVE', chr(30)) AS states, string_agg('1', chr(30)) AS revs,
  string_agg('load', chr(30)) AS systems,
  string_agg('pgbench-' || :batch || '-' || g, chr(30) ORDER BY g) AS eids,
  string_agg('0', chr(30)) AS positions, string_agg('client.created', chr(30)) AS kinds,
  string_agg('organizations/pgbench/clients/' || md5(:batch || '-' || g)::uuid, chr(30)
             ORDER BY g) AS resources,
  string_agg('', chr(30)) AS fields
  FROM generate_series(1, 500) g \gset
-- Who holds each ref (SelectExternalRefs); none do, so no client is locked.
SELECT r.system, r.external_id, CAST(r.client_id AS text), r.position
  FROM (SELECT DISTINCT * FROM unnest(string_to_array(':systems', chr(30)),
        string_to_array(':eids', chr(30))) AS k(system, external_id)) k
  CROSS JOIN LATERAL (SELECT * FROM client_external_refs r WHERE r.org_id = 'pgbench'
                      AND r.system = k.system AND r.external_id = k.external_id) r;
-- InsertClients
INSERT INTO clients (org_id, id, display_name, birth_year, municipality, languages, state,
                     revision)
  SELECT 'pgbench', CAST(r.id AS uuid), r.name, CAST(NULLIF(r.year, '') AS integer),
         NULLIF(r.muni, ''), coalesce(string_to_array(r.langs, chr(31)), '{}'), r.state,
         CAST(r.rev AS bigint)
  FROM unnest(string_to_array(':ids', chr(30)), string_to_array(':names', chr(30)),
              string_to_array(':years', chr(30)), string_to_array(':munis', chr(30)),
              string_to_array(':langs', chr(30)), string_to_array(':states', chr(30)),
              string_to_array(':revs', chr(30))) AS r(id, name, year, muni, langs, state, rev);
-- InsertExternalRefs
INSERT INTO client_external_refs (org_id, system, external_id, client_id, position)
  SELECT 'pgbench', k.system, k.external_id, CAST(k.client AS uuid), CAST(k.pos AS integer)
  FROM unnest(string_to_array(':systems', chr(30)), string_to_array(':eids', chr(30)),
              string_to_array(':ids', chr(30)), string_to_array(':positions', chr(30)))
       AS k(system, external_id, client, pos);
-- AppendEvents
INSERT INTO events (org_id, kind, resource, changed_fields)
  SELECT 'pgbench', e.kind, e.resource, coalesce(string_to_array(e.fields, chr(31)), '{}')
  FROM unnest(string_to_array(':kinds', chr(30)), string_to_array(':resources', chr(30)),
              string_to_array(':fields', chr(30))) WITH ORDINALITY AS e(kind, resource, fields, n)
  ORDER BY e.n;
-- AppendAccessForEach
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, outcome,
                        request_id)
  SELECT 'pgbench', 'pgbench', 'systems/bench', 'integration',
         '/rinnalla.v1.Integration/ImportClients', c,
         'organizations/' || 'pgbench' || '/clients/' || c, 'OK', 'bench-request'
  FROM unnest(CAST(string_to_array(':logged_ids', chr(31)) AS uuid[])) AS c;
COMMIT;
