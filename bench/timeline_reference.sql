-- bench/timeline.sh's reference: the busy client's newest 51 notes in one index read, the floor
-- under a timeline page that merges five kinds of entries.
SELECT id, create_time, left(text, 161) FROM progress_notes
WHERE org_id = 'bench' AND client_id = (SELECT client_id FROM bench_pairs WHERE n = 1)
ORDER BY create_time DESC, id DESC LIMIT 51;
