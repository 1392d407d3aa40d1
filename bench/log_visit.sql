-- LogVisit's transaction, statement for statement as rinnalla sends it for one new visit with a
-- request id (bench/visits.sh): the checks, the request id's claim, the visit, its first
-- revision (a visit with place outcomes or goals would add a statement for each), the outbox
-- event, the stored response and the access-log row. bench/visits.sh makes
-- one copy per guidance (@ORG@, @GUIDE@, @CLIENT@, @ASSIGNMENT@); each transaction names a new
-- visit and request id from :r.
\set r random(1, 9000000000000000)
-- One round trip, as rinnalla begins every transaction.
BEGIN \; SET LOCAL statement_timeout = 10000;
WITH i AS (SELECT * FROM unnest(
  CAST(string_to_array('@ASSIGNMENT@', chr(30)) AS uuid[]),
  CAST(string_to_array(md5('visit:r'), chr(30)) AS uuid[]),
  CAST(string_to_array('@CLIENT@', chr(30)) AS uuid[]),
  string_to_array('', chr(30)))
  WITH ORDINALITY AS t(assignment_id, visit_id, client_id, goals, n)),
  p AS (SELECT CAST('@ORG@' AS text) AS org_id)
SELECT CAST(a.guide_id AS text), CAST(a.client_id AS text), a.state,
  (extract(epoch FROM date_trunc('day', a.start_time, 'Europe/Helsinki')) * 1000000)::bigint,
  (extract(epoch FROM a.end_time) * 1000000)::bigint, (extract(epoch FROM now()) * 1000000)::bigint,
  EXISTS (SELECT 1 FROM visits v WHERE v.org_id = p.org_id AND v.id = i.visit_id)::int,
  (SELECT CAST(min(g.n) - 1 AS int) FROM unnest(CAST(string_to_array(
    coalesce(i.goals, ''), chr(31)) AS uuid[])) WITH ORDINALITY AS g(id, n)
    WHERE NOT EXISTS (SELECT 1 FROM goals x WHERE x.org_id = p.org_id
    AND x.id = g.id AND x.client_id = i.client_id))
FROM i CROSS JOIN p
LEFT JOIN assignments a ON a.org_id = p.org_id AND a.id = i.assignment_id
ORDER BY i.n;
INSERT INTO idempotency_keys (org_id, request_id, method, fingerprint)
  VALUES ('@ORG@', CAST(md5('request:r') AS uuid), 'LogVisit', md5('fingerprint:r'))
  ON CONFLICT DO NOTHING RETURNING 1;
INSERT INTO visits (org_id, id, client_id, assignment_id, guide_id, start_time,
  duration_minutes, mode, places, summary)
SELECT '@ORG@', i.id, i.client_id, i.assignment_id, i.guide_id,
  (timestamptz 'epoch' + i.micros * interval '1 microsecond'), i.duration, i.mode,
  string_to_array(coalesce(i.places, ''), chr(31)), coalesce(i.summary, '')
FROM unnest(CAST(string_to_array(md5('visit:r'), chr(30)) AS uuid[]),
  CAST(string_to_array('@CLIENT@', chr(30)) AS uuid[]),
  CAST(string_to_array('@ASSIGNMENT@', chr(30)) AS uuid[]),
  CAST(string_to_array('@GUIDE@', chr(30)) AS uuid[]),
  CAST(string_to_array(((extract(epoch FROM now()) * 1000000)::bigint - 3600000000)::text,
    chr(30)) AS bigint[]),
  CAST(string_to_array('60', chr(30)) AS int[]),
  string_to_array('IN_PERSON', chr(30)), string_to_array('PUBLIC_PLACE', chr(30)),
  string_to_array('Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.', chr(30)))
  AS i(id, client_id, assignment_id, guide_id, micros, duration, mode, places, summary)
ON CONFLICT DO NOTHING RETURNING CAST(id AS text),
  (extract(epoch FROM create_time) * 1000000)::bigint,
  (extract(epoch FROM update_time) * 1000000)::bigint;
INSERT INTO visit_revisions (org_id, visit_id, revision, start_time, duration_minutes,
  mode, places, goal_ids, summary, amend_reason, author)
SELECT '@ORG@', i.visit_id, i.revision, (timestamptz 'epoch' + i.micros * interval '1 microsecond'),
  i.duration, i.mode, string_to_array(coalesce(i.places, ''), chr(31)),
  CAST(string_to_array(coalesce(i.goals, ''), chr(31)) AS uuid[]),
  coalesce(i.summary, ''), coalesce(i.reason, ''), 'organizations/@ORG@/guides/@GUIDE@'
FROM unnest(CAST(string_to_array(md5('visit:r'), chr(30)) AS uuid[]),
  CAST(string_to_array('1', chr(30)) AS int[]),
  CAST(string_to_array(((extract(epoch FROM now()) * 1000000)::bigint - 3600000000)::text,
    chr(30)) AS bigint[]),
  CAST(string_to_array('60', chr(30)) AS int[]),
  string_to_array('IN_PERSON', chr(30)), string_to_array('PUBLIC_PLACE', chr(30)),
  string_to_array('', chr(30)),
  string_to_array('Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.', chr(30)),
  string_to_array('', chr(30)))
  AS i(visit_id, revision, micros, duration, mode, places, goals, summary, reason);
INSERT INTO events (org_id, kind, resource, changed_fields)
 SELECT '@ORG@', e.kind, e.resource, coalesce(string_to_array(e.fields, chr(31)), '{}')
 FROM unnest(string_to_array('visit.created', chr(30)),
   string_to_array('organizations/@ORG@/clients/@CLIENT@/visits/' || md5('visit:r'), chr(30)),
   string_to_array('', chr(30))) WITH ORDINALITY AS e(kind, resource, fields, n)
 ORDER BY e.n;
UPDATE idempotency_keys SET response = repeat('CnJvcmdhbml6YXRpb25z', 30), resource_id = md5('visit:r')
  WHERE org_id = '@ORG@' AND request_id = CAST(md5('request:r') AS uuid);
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,
  outcome, request_id)
 SELECT '@ORG@', '@ORG@', 'organizations/@ORG@/guides/@GUIDE@', 'guide',
   '/rinnalla.v1.Visits/LogVisit', c, 'organizations/' || '@ORG@' || '/clients/' || c, 'OK',
   md5('call:r')
 FROM unnest(CAST(string_to_array('@CLIENT@', chr(31)) AS uuid[])) AS c;
COMMIT;
