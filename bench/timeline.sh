#!/usr/bin/env bash
# The client's timeline, in one throwaway PostgreSQL: GetClientTimeline's first page of 50 for a
# client with 2,000 entries (bench/timeline_seed.sql), p50 and p99 server-side (from the server's
# own log lines) and as the caller sees them: a social worker alone, 4 social workers at once, and
# the client's guide; next to pgbench reading the client's newest 51 notes from their index (the
# floor under a page that merges five kinds).
# Usage: bench/timeline.sh [seconds per run]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export TIMELINE_SECONDS=${1:-15} HERE=$(cd "$(dirname "$0")" && pwd)

pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench social_worker --pool-size 16
  rinnalla="$BUILD/tools/rinnalla"
  psql_() { psql -X -q -tA -v ON_ERROR_STOP=1 -d rinnalla_bench "$@"; }
  percentile() { sort -n | awk -v p="$1" "{v[NR] = \$1} END {i = int(p * (NR - 1)) + 1; print v[i]}"; }

  "$rinnalla" demo-data --database "$conn" --org bench --guides 100 --clients 300 >/dev/null
  psql_ -f "$HERE/timeline_seed.sql"
  client="organizations/bench/clients/$(psql_ -c "SELECT client_id FROM bench_pairs WHERE n = 1")"
  guide="organizations/bench/guides/$(psql_ -c "SELECT guide_id FROM bench_pairs WHERE n = 1")"
  guide_token=$("$rinnalla" token --key "$keys/private.pem" --org bench --role guide --sub "$guide")
  entries=$(RINNALLA_TOKEN=$token "$rinnalla" call --server "127.0.0.1:$port" Notes/GetClientTimeline \
      "{\"client\":\"$client\",\"pageSize\":500}" | grep -c "\"kind\"" || true)
  echo "== GetClientTimeline, first page of 50; the client has 2,000 entries ($(psql_ -c "SELECT count(*) FROM visits") visits and $(psql_ -c "SELECT count(*) FROM progress_notes") notes in the database; the first page of 500 held $entries)"

  run() {  # label, token, callers
    "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$2" --method GetClientTimeline \
        --client "$client" --callers "$3" --duration 2s >/dev/null  # warm up
    local start
    start=$(wc -l <"$server_log")
    "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$2" --method GetClientTimeline \
        --client "$client" --callers "$3" --duration "${TIMELINE_SECONDS}s" | tee "$server_log.run"
    tail -n +"$((start + 1))" "$server_log" | grep "Notes/GetClientTimeline" \
        | grep -o "\"latency_ms\":[0-9.]*" | cut -d: -f2 >"$server_log.lat"
    echo "$1: server-side over $(wc -l <"$server_log.lat") calls: p50 $(percentile 0.5 <"$server_log.lat") ms, p99 $(percentile 0.99 <"$server_log.lat") ms (target: p99 < 15 ms)"
  }
  run "social worker, 1 caller" "$token" 1
  run "social worker, 4 callers" "$token" 4
  run "the client'"'"'s guide, 1 caller" "$guide_token" 1

  reference=$(pgbench -n -c 1 -j 1 -T "$TIMELINE_SECONDS" -f "$HERE/timeline_reference.sql" rinnalla_bench 2>/dev/null \
      | awk "/latency average/ {print \$4; exit}")
  echo "pgbench, the newest 51 notes from their index, 1 client: average $reference ms"
'
