-- A busy client for bench/timeline.sh: the first client of organization `bench` has one guidance
-- of two years with 2,000 timeline entries (its start, 8 goals agreed and 3 closed, 12 meetings
-- scheduled and held, 1,100 visits, 864 notes); every other client has a guidance with 150
-- visits and 100 notes, so the indexes hold other clients' rows too.

CREATE TABLE bench_pairs AS
  SELECT c.id AS client_id, g.id AS guide_id, gen_random_uuid() AS referral_id,
         gen_random_uuid() AS assignment_id, c.r AS n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM clients WHERE org_id = 'bench') c
  JOIN (SELECT id, row_number() OVER (ORDER BY id) AS r FROM guides WHERE org_id = 'bench') g
    ON g.r = (c.r - 1) % (SELECT count(*) FROM guides WHERE org_id = 'bench') + 1;

INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state, created_by)
  SELECT 'bench', referral_id, client_id, '{DEBT}', '{fi}', '398', 'MATCHED', 'users/bench'
  FROM bench_pairs;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state, start_time)
  SELECT 'bench', assignment_id, client_id, guide_id, referral_id, 'ACTIVE',
         now() - interval '730 days'
  FROM bench_pairs;
UPDATE guides g SET state = 'ACTIVE', max_active_clients = 50,
  active_client_count = (SELECT count(*) FROM bench_pairs p WHERE p.guide_id = g.id)
  WHERE org_id = 'bench';
INSERT INTO information_sharing_consents (org_id, client_id, assignment_id, granted, recorded_by,
                                          recorded_role)
  SELECT 'bench', client_id, assignment_id, true, 'users/bench', 'social_worker' FROM bench_pairs;

-- The busy client.
INSERT INTO goals (org_id, id, client_id, assignment_id, title, gas_levels, weight, state,
                   agreed_time, closed_time, created_by)
  SELECT 'bench', gen_random_uuid(), client_id, assignment_id, 'Tavoite ' || i,
         ARRAY['-2', '-1', '0', '+1', '+2'], 1 + i % 3, CASE WHEN i <= 3 THEN 'ACHIEVED' ELSE 'AGREED' END,
         now() - interval '700 days' + i * interval '60 days',
         CASE WHEN i <= 3 THEN now() - interval '100 days' + i * interval '10 days' END,
         'users/bench'
  FROM bench_pairs, generate_series(1, 8) AS i WHERE n = 1;
INSERT INTO meetings (org_id, id, client_id, assignment_id, kind, scheduled_time, state,
                      outcome_revision, created_by, create_time)
  SELECT 'bench', gen_random_uuid(), client_id, assignment_id,
         CASE WHEN i = 1 THEN 'INITIAL' ELSE 'REVIEW' END,
         now() - interval '720 days' + i * interval '55 days', 'HELD', 1, 'users/bench',
         now() - interval '727 days' + i * interval '55 days'
  FROM bench_pairs, generate_series(1, 12) AS i WHERE n = 1;
INSERT INTO meeting_outcomes (org_id, meeting_id, revision, held_time, summary, recorded_by,
                              recorded_role)
  SELECT org_id, id, 1, scheduled_time, 'Tapaaminen pidetty', 'users/bench', 'social_worker'
  FROM meetings WHERE org_id = 'bench';

-- Visits and notes: the busy client's 1,100 and 864 over two years, and everyone else's.
INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time, duration_minutes,
                    mode, places, summary, revision)
  SELECT 'bench', gen_random_uuid(), client_id, assignment_id, guide_id,
         now() - interval '730 days' + random() * interval '729 days', 30 + i % 90,
         (ARRAY['IN_PERSON', 'PHONE', 'VIDEO', 'ACCOMPANIED'])[1 + i % 4], ARRAY['KELA', 'HOUSING'],
         repeat('Kävimme yhdessä asioimassa ja juttelimme. ', 20), 1 + (i % 10 = 0)::int
  FROM bench_pairs, generate_series(1, 1100) AS i WHERE n = 1 OR i <= 150;
INSERT INTO progress_notes (org_id, id, client_id, assignment_id, author, author_role, text,
                            visibility, observed_time, create_time)
  SELECT 'bench', gen_random_uuid(), client_id, assignment_id,
         CASE WHEN i % 3 = 0 THEN 'users/bench' ELSE 'organizations/bench/guides/' || guide_id END,
         CASE WHEN i % 3 = 0 THEN 'SOCIAL_WORKER' ELSE 'GUIDE' END,
         repeat('Viikko meni hyvin, tavoitteet etenevät. ', 40),
         CASE WHEN i % 9 = 0 THEN 'STAFF_ONLY' ELSE 'SHARED' END, t, t
  FROM bench_pairs, generate_series(1, 864) AS i,
       LATERAL (SELECT now() - interval '730 days' + random() * interval '729 days' AS t) AS at
  WHERE n = 1 OR i <= 100;
-- Set hint bits and the visibility map as a settled database has them, and plan on real counts.
VACUUM ANALYZE;
