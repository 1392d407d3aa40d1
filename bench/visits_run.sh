#!/usr/bin/env bash
# The part of bench/visits.sh that runs inside its throwaway PostgreSQL (pg_virtualenv).
set -euo pipefail
source "$BENCH_LIB"
bench_serve bench coordinator --pool-size "$POOL"
rinnalla="$BUILD/tools/rinnalla"
psql_() { psql -X -q -tA -d rinnalla_bench "$@"; }
work=$(mktemp -d)

# Reads, later, of organization `timeline` (bench/timeline_seed.sql's busy client with 2,000
# timeline entries), seeded first: the tables then hold rows and their statistics, as a
# county's do, and no statement kept prepared is planned for empty tables (a plan that scans
# every visit of an organization where one index lookup would do).
"$rinnalla" demo-data --database "$conn" --org timeline --guides 100 --clients 300 >/dev/null
sed -e 's/bench/timeline/g' "$HERE/timeline_seed.sql" | psql_ -v ON_ERROR_STOP=1 >/dev/null

# Guidances: $CALLERS for rinnalla (organization bench) and as many for pgbench (organization
# pgbench), so neither locks the other's rows; rinnalla-load's plan, one line per caller.
bench_guidances "$CALLERS" bench pgbench
bench_plan bench >"$work/plan"
psql_ -c "ANALYZE"
# pgbench: LogVisit's transaction once per guidance; each transaction picks one at random.
scripts=()
n=0
while read -r guide client assignment; do
  sed -e "s/@ORG@/pgbench/g" -e "s/@GUIDE@/$guide/g" -e "s/@CLIENT@/$client/g" \
      -e "s/@ASSIGNMENT@/$assignment/g" "$HERE/log_visit.sql" >"$work/log_visit_$n.sql"
  scripts+=(-f "$work/log_visit_$n.sql@1")
  n=$((n + 1))
done < <(psql_ -F " " -c "SELECT guide_id, client_id, assignment_id FROM bench_guidance
                          WHERE org = 'pgbench' ORDER BY k")

tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, in ticks
postmaster=$(head -1 "$(psql_ -c "SHOW data_directory")/postmaster.pid")
# This cluster's processes in ticks, ended backends included (counted in the postmaster's
# children's times); other clusters on the machine are not counted.
pg_cpu() {
  local total pid
  total=$(awk '{print $16 + $17}' "/proc/$postmaster/stat")
  for pid in $postmaster $(ps --ppid "$postmaster" -o pid=); do
    total=$((total + $(cpu "$pid" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
percentile() { sort -n "$2" | awk -v p="$1" '{v[NR] = $1} END {printf "%.1f", v[int(p * (NR - 1)) + 1]}'; }
sum() { awk '{s += $1} END {print s + 0}' "$@"; }

rss_peak=0
# Runs rinnalla-load for METHOD (extra flags follow); appends its calls, seconds, latencies and
# the CPU of the server, postgres and itself to $work/METHOD.*; samples the server's memory.
load() {
  local method=$1 seconds=$2 server_before pg_before pid now
  shift 2
  server_before=$(cpu "$server")
  pg_before=$(pg_cpu)
  /usr/bin/time -f "%U %S" -o "$work/load.cpu" "$BUILD/bench/rinnalla-load" \
      --server "127.0.0.1:$port" --method "$method" --plan "$work/plan" --callers "$CALLERS" \
      --duration "${seconds}s" --latency-log "$work/load.latencies" "$@" >"$work/load.out" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    [ "$now" -gt "$rss_peak" ] && rss_peak=$now
    sleep 0.2
  done
  wait "$pid" || echo "rinnalla-load reported failed calls: $(cat "$work/load.out")"
  grep -o "calls=[0-9]*" "$work/load.out" | cut -d= -f2 >>"$work/$method.calls"
  grep -o "seconds=[0-9.]*" "$work/load.out" | cut -d= -f2 >>"$work/$method.seconds"
  cat "$work/load.latencies" >>"$work/$method.latencies"
  echo $(( $(cpu "$server") - server_before )) >>"$work/$method.server_cpu"
  echo $(( $(pg_cpu) - pg_before )) >>"$work/$method.pg_cpu"
  awk -v t="$tick" '{print ($1 + $2) * t}' "$work/load.cpu" >>"$work/$method.client_cpu"
  echo "  $(cat "$work/load.out")"
}
# Runs pgbench with CONNECTIONS clients for a round; appends to $work/NAME.*.
pgbench_round() {
  local connections=$1 name=$2 pg_before
  pg_before=$(pg_cpu)
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -c "$connections" -j 2 -T "$ROUND_SECONDS" -l "${scripts[@]}" \
      rinnalla_bench >"$work/pgbench.out" 2>&1)
  sleep 1  # its backends have ended and are counted in the postmaster's children's times
  echo $(( $(pg_cpu) - pg_before )) >>"$work/$name.pg_cpu"
  awk '/^number of transactions actually processed/ {print $NF}' "$work/pgbench.out" \
      >>"$work/$name.calls"
  echo "$ROUND_SECONDS" >>"$work/$name.seconds"
  # pgbench's per-transaction log: the third column is the latency in microseconds.
  cat "$work"/pgbench_log.* | awk '{print $3 / 1000}' >>"$work/$name.latencies"
  echo "  pgbench, $connections connections: $(grep -E "^tps" "$work/pgbench.out")," \
       "$(grep -E "^number of failed" "$work/pgbench.out")"
}
rate() { awk -v c="$(sum "$work/$1.calls")" -v s="$(sum "$work/$1.seconds")" -v k="${2:-1}" 'BEGIN {printf "%.0f", c * k / s}'; }
per_call() {  # METHOD KIND: CPU ms per call
  awk -v c="$(sum "$work/$1.calls")" -v t="$tick" -v x="$(sum "$work/$1.$2")" \
      'BEGIN {printf "%.2f", 1000 * x / t / c}'
}

# pgbench with as many connections as the server's pool (the ratio's reference: the same
# concurrency in the database) and with as many as the callers.
for round in $(seq "$ROUNDS"); do
  echo "== round $round: pgbench (LogVisit's transaction) with $POOL and with $CALLERS" \
       "connections, then LogVisit through gRPC from $CALLERS callers (server pool $POOL);" \
       "${ROUND_SECONDS}s each"
  pgbench_round "$POOL" pgbench
  pgbench_round "$CALLERS" pgbench_callers
  load LogVisit "$ROUND_SECONDS"
done
echo "== SyncVisits, 50 visits per stream, $CALLERS callers, $((ROUNDS * ROUND_SECONDS))s"
load SyncVisits $((ROUNDS * ROUND_SECONDS)) --visits-per-stream 50
# The server's CPU for a call that does nothing, at LogVisit's concurrency: its floor.
echo "== gRPC health Check from $CALLERS callers, ${ROUND_SECONDS}s"
load Health "$ROUND_SECONDS"

# One caller alone: the latency a guide sees on a quiet server.
echo "== LogVisit from 1 caller, ${ROUND_SECONDS}s"
"$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --method LogVisit --plan "$work/plan" \
    --callers 1 --duration "${ROUND_SECONDS}s" >"$work/single.out"
echo "  $(cat "$work/single.out")"

# Reads of organization `timeline`: GetClientTimeline's first page of 50 and GetClient (with its
# access-log row), by a social worker, 1 caller each after a warm-up.
busy="organizations/timeline/clients/$(psql_ -c "SELECT client_id FROM timeline_pairs WHERE n = 1")"
worker=$("$rinnalla" token --key "$keys/private.pem" --org timeline --role social_worker \
    --sub users/timeline)
read_run() {  # METHOD: prints the loader's line
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --org timeline --token "$worker" \
      --method "$1" --client "$busy" --callers 1 --duration 2s >/dev/null
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --org timeline --token "$worker" \
      --method "$1" --client "$busy" --callers 1 --duration "${ROUND_SECONDS}s" >"$work/read.out"
  cat "$work/read.out"
}
timeline_line=$(read_run GetClientTimeline)
get_client_line=$(read_run GetClient)
# The floor under both: gRPC's health Check, one round trip with no database in it.
health_line=$(read_run Health)

reference=$(rate pgbench)
reference_callers=$(rate pgbench_callers)
unary=$(rate LogVisit)
synced=$(rate SyncVisits 50)
echo "== Results"
echo "pgbench, LogVisit's transaction, $POOL connections (the server's pool): $reference tps" \
     "over $(sum "$work/pgbench.seconds") s; p50 $(percentile 0.5 "$work/pgbench.latencies") ms," \
     "p99 $(percentile 0.99 "$work/pgbench.latencies") ms"
echo "pgbench, LogVisit's transaction, $CALLERS connections: $reference_callers tps" \
     "over $(sum "$work/pgbench_callers.seconds") s;" \
     "p50 $(percentile 0.5 "$work/pgbench_callers.latencies") ms," \
     "p99 $(percentile 0.99 "$work/pgbench_callers.latencies") ms"
echo "LogVisit: $unary visits/s over $(sum "$work/LogVisit.seconds") s;" \
     "p50 $(percentile 0.5 "$work/LogVisit.latencies") ms, p99 $(percentile 0.99 "$work/LogVisit.latencies") ms (target < 25)"
awk -v a="$unary" -v b="$reference" -v c="$reference_callers" -v p="$POOL" -v n="$CALLERS" \
    'BEGIN {printf "ratio LogVisit/pgbench: %.2f against %d connections (target >= 1.5), %.2f against %d\n", a / b, p, a / c, n}'
echo "SyncVisits: $synced visits/s; p50 $(percentile 0.5 "$work/SyncVisits.latencies") ms per stream of 50"
awk -v s="$synced" -v u="$unary" 'BEGIN {printf "ratio SyncVisits/LogVisit: %.1f (target >= 3)\n", s / u}'
echo "CPU per transaction: pgbench's postgres $(per_call pgbench pg_cpu) ms;" \
     "LogVisit: postgres $(per_call LogVisit pg_cpu) ms, server $(per_call LogVisit server_cpu) ms (target < 0.2)," \
     "load generator $(per_call LogVisit client_cpu) ms"
echo "gRPC health Check (no database) from $CALLERS callers: $(rate Health) calls/s;" \
     "server $(per_call Health server_cpu) ms CPU per call, the floor under LogVisit's"
echo "LogVisit, 1 caller: p50 $(grep -o 'p50_ms=[0-9.]*' "$work/single.out" | cut -d= -f2) ms," \
     "p99 $(grep -o 'p99_ms=[0-9.]*' "$work/single.out" | cut -d= -f2) ms"
echo "GetClientTimeline, first page of 50 over 2,000 entries, 1 caller:" \
     "p50 $(grep -o 'p50_ms=[0-9.]*' <<<"$timeline_line" | cut -d= -f2) ms," \
     "p99 $(grep -o 'p99_ms=[0-9.]*' <<<"$timeline_line" | cut -d= -f2) ms (target < 5)"
echo "GetClient (with its access-log row), 1 caller:" \
     "p50 $(grep -o 'p50_ms=[0-9.]*' <<<"$get_client_line" | cut -d= -f2) ms (target < 0.5)," \
     "p99 $(grep -o 'p99_ms=[0-9.]*' <<<"$get_client_line" | cut -d= -f2) ms"
echo "gRPC health Check (no database), 1 caller: the floor of any call here:" \
     "p50 $(grep -o 'p50_ms=[0-9.]*' <<<"$health_line" | cut -d= -f2) ms," \
     "p99 $(grep -o 'p99_ms=[0-9.]*' <<<"$health_line" | cut -d= -f2) ms"
echo "server RSS under load: $((rss_peak / 1024)) MiB peak sampled every 0.2 s;" \
     "kernel's peak (VmHWM) $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB (target < 150)"
# What could really be doubled: a visit stored twice has the same assignment, start and content
# under two ids; a request stored twice leaves more visits than request ids (every call sends one).
echo "visits: $(psql_ -c "SELECT count(*) FROM visits WHERE org_id = 'bench'") stored by rinnalla;" \
     "doubled (same assignment, start and content): $(psql_ -c "
       SELECT coalesce(sum(n - 1), 0) FROM (
         SELECT count(*) AS n FROM visits WHERE org_id = 'bench'
         GROUP BY assignment_id, start_time, duration_minutes, mode, places, summary
         HAVING count(*) > 1) d");" \
     "visits beyond their request ids: $(psql_ -c "
       SELECT (SELECT count(*) FROM visits WHERE org_id = 'bench')
            - (SELECT count(*) FROM idempotency_keys WHERE org_id = 'bench')")"
