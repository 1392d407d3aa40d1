-- LogVisit's transaction, statement for statement as rinnalla sends it for one new visit with a
-- request id written alone (bench/visits.sh), each batch of rows as one JSON parameter: the
-- checks, the request id's claim, the visit, its first revision (a visit with place outcomes or
-- goals would add a statement for each), the outbox event, the stored response and the
-- access-log row. bench/visits.sh makes one copy per guidance (@ORG@, @GUIDE@, @CLIENT@,
-- @ASSIGNMENT@); each transaction names a new visit and request id from :r.
\set r random(1, 9000000000000000)
-- One round trip, as rinnalla begins every transaction.
BEGIN \; SET LOCAL statement_timeout = 10000;
WITH i AS (SELECT * FROM json_to_recordset(CAST(json_build_array(json_build_object(
    'n', 0, 'id', md5('visit:r'), 'client_id', '@CLIENT@', 'assignment_id', '@ASSIGNMENT@',
    'guide_id', '@GUIDE@', 'micros', 0, 'duration', 60, 'mode', 'IN_PERSON',
    'places', json_build_array('PUBLIC_PLACE'), 'goals', json_build_array(),
    'summary', 'Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.')) AS json))
  AS t(n int, assignment_id uuid, id uuid, client_id uuid, goals uuid[]) LIMIT 1),
  p AS MATERIALIZED (SELECT CAST('@ORG@' AS text) AS org_id)
SELECT CAST(a.guide_id AS text), CAST(a.client_id AS text), a.state,
  (extract(epoch FROM date_trunc('day', a.start_time, 'Europe/Helsinki')) * 1000000)::bigint,
  (extract(epoch FROM a.end_time) * 1000000)::bigint, (extract(epoch FROM now()) * 1000000)::bigint,
  EXISTS (SELECT 1 FROM visits v WHERE v.org_id = p.org_id AND v.id = i.id)::int,
  (SELECT CAST(min(g.n) - 1 AS int) FROM unnest(i.goals) WITH ORDINALITY AS g(id, n)
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
  (timestamptz 'epoch' + i.micros * interval '1 microsecond'), i.duration, i.mode, i.places,
  i.summary
FROM json_to_recordset(CAST(json_build_array(json_build_object(
    'n', 0, 'id', md5('visit:r'), 'client_id', '@CLIENT@', 'assignment_id', '@ASSIGNMENT@',
    'guide_id', '@GUIDE@',
    'micros', (extract(epoch FROM now()) * 1000000)::bigint - 3600000000, 'duration', 60,
    'mode', 'IN_PERSON', 'places', json_build_array('PUBLIC_PLACE'), 'goals', json_build_array(),
    'summary', 'Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.')) AS json))
  AS i(id uuid, client_id uuid, assignment_id uuid, guide_id uuid, micros bigint, duration int,
  mode text, places text[], summary text)
ON CONFLICT DO NOTHING RETURNING CAST(id AS text),
  (extract(epoch FROM create_time) * 1000000)::bigint,
  (extract(epoch FROM update_time) * 1000000)::bigint;
INSERT INTO visit_revisions (org_id, visit_id, revision, start_time, duration_minutes,
  mode, places, goal_ids, summary, amend_reason, author)
SELECT '@ORG@', r.visit_id, r.revision, (timestamptz 'epoch' + r.micros * interval '1 microsecond'),
  r.duration, r.mode, r.places, r.goals, r.summary, r.reason, r.author
FROM json_to_recordset(CAST(json_build_array(json_build_object(
    'visit_id', md5('visit:r'), 'revision', 1,
    'micros', (extract(epoch FROM now()) * 1000000)::bigint - 3600000000, 'duration', 60,
    'mode', 'IN_PERSON', 'places', json_build_array('PUBLIC_PLACE'), 'goals', json_build_array(),
    'summary', 'Kahvilla kirjastossa; puhuttiin asuntohakemuksesta ja Kelan tuesta.',
    'reason', '', 'author', 'organizations/@ORG@/guides/@GUIDE@')) AS json))
  AS r(visit_id uuid, revision int, micros bigint, duration int, mode text, places text[],
  goals uuid[], summary text, reason text, author text);
INSERT INTO events (org_id, kind, resource, changed_fields)
 SELECT '@ORG@', e.kind, e.resource, e.fields
 FROM json_to_recordset(CAST(json_build_array(json_build_object('n', 0, 'kind', 'visit.created',
   'resource', 'organizations/@ORG@/clients/@CLIENT@/visits/' || md5('visit:r'),
   'fields', json_build_array())) AS json)) AS e(n int, kind text, resource text, fields text[])
 ORDER BY e.n;
UPDATE idempotency_keys SET response = repeat('CnJvcmdhbml6YXRpb25z', 30), resource_id = md5('visit:r')
  WHERE org_id = '@ORG@' AND request_id = CAST(md5('request:r') AS uuid);
INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource,
  outcome, request_id)
 SELECT r.org, r.actor_org, r.actor, r.role, r.method, r.client,
   'organizations/' || r.org || '/clients/' || r.client, 'OK', r.request_id
 FROM json_to_recordset(CAST(json_build_array(json_build_object('org', '@ORG@',
   'actor_org', '@ORG@', 'actor', 'organizations/@ORG@/guides/@GUIDE@', 'role', 'guide',
   'method', '/rinnalla.v1.Visits/LogVisit', 'client', '@CLIENT@',
   'request_id', md5('call:r'))) AS json))
   AS r(org text, actor_org text, actor text, role text, method text, client uuid,
   request_id text);
COMMIT;
