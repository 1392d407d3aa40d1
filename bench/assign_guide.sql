-- AssignGuide's statements, as rinnalla runs them in one transaction (bench/matching.sh). Each
-- transaction takes the next planned (referral, guide) pair.
SELECT nextval('bench_next') AS n \gset
-- One round trip, as rinnalla begins every transaction.
BEGIN \; SET LOCAL statement_timeout = 10000;
SELECT id, client_id, needs, languages, municipality, state FROM referrals
  WHERE org_id = 'assign' AND id = (SELECT referral_id FROM bench_plan WHERE n = :n) FOR UPDATE;
SELECT count(*) FROM assignments WHERE org_id = 'assign'
  AND client_id = (SELECT client_id FROM bench_plan WHERE n = :n) AND state IN ('ACTIVE', 'PAUSED');
SELECT state FROM guides WHERE org_id = 'assign' AND id = (SELECT guide_id FROM bench_plan WHERE n = :n);
SELECT count(*) FROM match_exclusions WHERE org_id = 'assign'
  AND client_id = (SELECT client_id FROM bench_plan WHERE n = :n)
  AND guide_id = (SELECT guide_id FROM bench_plan WHERE n = :n);
UPDATE guides SET active_client_count = active_client_count + 1
  WHERE org_id = 'assign' AND id = (SELECT guide_id FROM bench_plan WHERE n = :n)
  AND state = 'ACTIVE' AND active_client_count < max_active_clients RETURNING 1;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state)
  SELECT 'assign', gen_random_uuid(), client_id, guide_id, referral_id, 'ACTIVE'
  FROM bench_plan WHERE n = :n RETURNING id;
UPDATE referrals SET state = 'MATCHED', revision = revision + 1, update_time = clock_timestamp()
  WHERE org_id = 'assign' AND id = (SELECT referral_id FROM bench_plan WHERE n = :n);
INSERT INTO events (org_id, kind, resource) VALUES ('assign', 'assignment.created', 'a');
INSERT INTO events (org_id, kind, resource, changed_fields)
  VALUES ('assign', 'referral.updated', 'r', '{state}');
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, outcome, request_id)
  SELECT 'assign', 'assign', 'users/bench', 'social_worker', '/rinnalla.v1.Matching/AssignGuide',
         client_id, 'c', 'OK', 'bench' FROM bench_plan WHERE n = :n;
COMMIT;
