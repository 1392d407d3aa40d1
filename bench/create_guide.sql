-- CreateGuide's transaction as rinnalla runs it (storage/src/pg_directory_repository.cc): the
-- guide, its event and the read-back the server answers with, begun in one round trip.
\set n random(1, 1000000000000)
BEGIN \; SET LOCAL statement_timeout = 60000;
INSERT INTO guides (org_id, id, display_name, experience_areas, languages, municipalities,
                    max_active_clients, state)
  VALUES ('pgbench', CAST(md5('guide-' || :n) AS uuid), 'Guide pgbench-' || :n,
          string_to_array('MENTAL_HEALTH', chr(31)), string_to_array('fi', chr(31)),
          string_to_array('398', chr(31)), 5, 'ACTIVE');
INSERT INTO events (org_id, kind, resource, changed_fields)
  SELECT 'pgbench', e.kind, e.resource, coalesce(string_to_array(e.fields, chr(31)), '{}')
  FROM unnest(string_to_array('guide.created', chr(30)),
              string_to_array('organizations/pgbench/guides/' || md5('guide-' || :n)::uuid,
                              chr(30)),
              string_to_array('', chr(30))) WITH ORDINALITY AS e(kind, resource, fields, n)
  ORDER BY e.n;
SELECT org_id, CAST(id AS text), display_name, array_to_string(experience_areas, chr(31)),
       array_to_string(languages, chr(31)), array_to_string(municipalities, chr(31)),
       max_active_clients, state, revision, (extract(epoch FROM create_time) * 1000000)::bigint,
       (extract(epoch FROM update_time) * 1000000)::bigint, active_client_count
  FROM guides WHERE org_id = 'pgbench' AND id = CAST(md5('guide-' || :n) AS uuid);
COMMIT;
