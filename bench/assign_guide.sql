-- AssignGuide's transaction, the statements rinnalla runs (storage/src/pg_assignments.cc,
-- InsertAssignment and AssignGuide) in their order, with the (referral, guide) pair as literals
-- the way the server binds them (bench/matching.sh). Each pgbench client takes pairs of its own:
-- pair n = BASE + client_id + CLIENTS * (k - 1) for its k-th transaction, computed by pgbench
-- itself (no lookup, no sequence); the plan's ids are md5 digests of n, as the setup made them.
\set k :k + 1
\set n :base + :client_id + :clients * (:k - 1)
\set g :n % 1000
-- One round trip, as rinnalla begins every transaction.
BEGIN \; SET LOCAL statement_timeout = 60000;
SELECT org_id, CAST(id AS text), CAST(client_id AS text), CAST(to_json(needs) AS text),
       CAST(to_json(languages) AS text), municipality, preferences, note, state,
       cancel_reason, created_by, revision, (extract(epoch FROM create_time) * 1000000)::bigint,
       (extract(epoch FROM update_time) * 1000000)::bigint
  FROM referrals WHERE org_id = 'assign' AND id = CAST(md5('referral-' || :n) AS uuid) FOR UPDATE;
SELECT count(*) FROM assignments WHERE org_id = 'assign'
  AND client_id = CAST(md5('client-' || :n) AS uuid) AND state IN ('ACTIVE', 'PAUSED');
SELECT state FROM guides WHERE org_id = 'assign' AND id = CAST(md5('guide-' || :g) AS uuid);
SELECT count(*) FROM match_exclusions WHERE org_id = 'assign'
  AND client_id = CAST(md5('client-' || :n) AS uuid)
  AND guide_id = CAST(md5('guide-' || :g) AS uuid);
UPDATE guides SET active_client_count = active_client_count + 1
  WHERE org_id = 'assign' AND id = CAST(md5('guide-' || :g) AS uuid) AND state = 'ACTIVE'
  AND active_client_count < max_active_clients RETURNING 1;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state)
  VALUES ('assign', gen_random_uuid(), CAST(md5('client-' || :n) AS uuid),
          CAST(md5('guide-' || :g) AS uuid), CAST(md5('referral-' || :n) AS uuid), 'ACTIVE')
  RETURNING CAST(id AS text) AS assignment \gset
UPDATE referrals SET state = 'MATCHED', revision = revision + 1, update_time = clock_timestamp()
  WHERE org_id = 'assign' AND id = CAST(md5('referral-' || :n) AS uuid);
-- The three events in one statement, as AppendEvents writes them: the assignment, the referral
-- now matched, and the guide's caseload.
INSERT INTO events (org_id, kind, resource, changed_fields)
  SELECT 'assign', e.kind, e.resource, e.fields
  FROM json_to_recordset(CAST(json_build_array(
         json_build_object('n', 0, 'kind', 'assignment.created',
           'resource', 'organizations/assign/assignments/:assignment',
           'fields', json_build_array()),
         json_build_object('n', 1, 'kind', 'referral.updated',
           'resource', 'organizations/assign/referrals/' || md5('referral-' || :n)::uuid,
           'fields', json_build_array('state')),
         json_build_object('n', 2, 'kind', 'guide.updated',
           'resource', 'organizations/assign/guides/' || md5('guide-' || :g)::uuid,
           'fields', json_build_array('active_client_count'))) AS json))
       AS e(n int, kind text, resource text, fields text[])
  ORDER BY e.n;
-- The read-back the server answers with (SelectAssignment).
SELECT org_id, CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text),
       CAST(referral_id AS text), state, (extract(epoch FROM start_time) * 1000000)::bigint,
       (extract(epoch FROM end_time) * 1000000)::bigint, end_reason, end_note, revision,
       (extract(epoch FROM create_time) * 1000000)::bigint,
       (extract(epoch FROM update_time) * 1000000)::bigint,
       (extract(epoch FROM first_meeting_time) * 1000000)::bigint
  FROM assignments WHERE org_id = 'assign' AND id = CAST(':assignment' AS uuid);
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, outcome,
                        request_id)
  VALUES ('assign', 'assign', 'users/bench', 'social_worker', '/rinnalla.v1.Matching/AssignGuide',
          CAST(md5('client-' || :n) AS uuid),
          'organizations/assign/clients/' || md5('client-' || :n)::uuid, 'OK', 'bench-request');
COMMIT;
