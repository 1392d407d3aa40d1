-- CreateGuide's transaction as rinnalla runs it (storage/src/pg_directory_repository.cc): the
-- guide, its event and the read-back the server answers with, begun in one round trip.
\set n random(1, 1000000000000)
BEGIN \; SET LOCAL statement_timeout = 60000;
INSERT INTO guides (org_id, id, display_name, experience_areas, languages, municipalities,
                    max_active_clients, state)
  VALUES ('pgbench', CAST(md5('guide-' || :n) AS uuid), 'Guide pgbench-' || :n,
          ARRAY(SELECT json_array_elements_text(CAST('["MENTAL_HEALTH"]' AS json))),
          ARRAY(SELECT json_array_elements_text(CAST('["fi"]' AS json))),
          ARRAY(SELECT json_array_elements_text(CAST('["398"]' AS json))), 5, 'ACTIVE');
INSERT INTO events (org_id, kind, resource, changed_fields)
  SELECT 'pgbench', e.kind, e.resource, e.fields
  FROM json_to_recordset(CAST(json_build_array(json_build_object('n', 0, 'kind', 'guide.created',
         'resource', 'organizations/pgbench/guides/' || md5('guide-' || :n)::uuid,
         'fields', json_build_array())) AS json))
       AS e(n int, kind text, resource text, fields text[])
  ORDER BY e.n;
SELECT org_id, CAST(id AS text), display_name, CAST(to_json(experience_areas) AS text),
       CAST(to_json(languages) AS text), CAST(to_json(municipalities) AS text),
       max_active_clients, state, revision, (extract(epoch FROM create_time) * 1000000)::bigint,
       (extract(epoch FROM update_time) * 1000000)::bigint, active_client_count
  FROM guides WHERE org_id = 'pgbench' AND id = CAST(md5('guide-' || :n) AS uuid);
COMMIT;
