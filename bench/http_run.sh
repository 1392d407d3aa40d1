#!/usr/bin/env bash
# The part of bench/http.sh that runs inside its throwaway PostgreSQL (pg_virtualenv).
set -euo pipefail
source "$BENCH_LIB"
bench_serve bench coordinator --pool-size "$POOL" --http-listen 127.0.0.1:0 \
    --http-max-connections "$((CALLERS * 2))"
work=$(mktemp -d)
bench_guidances "$CALLERS" bench
bench_plan bench >"$work/plan"

percentile() { sort -n "$2" | awk -v p="$1" '{v[NR] = $1} END {printf "%.2f", v[int(p * (NR - 1)) + 1]}'; }
sum() { awk '{s += $1} END {print s + 0}' "$@"; }
cpu_per_call() {
  awk -v t="$(sum "$work/$1.ticks")" -v c="$(sum "$work/$1.calls")" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.3f", t * 1000 / hz / c}'
}
rate() { awk -v c="$(sum "$work/$1.calls")" -v s="$(sum "$work/$1.seconds")" 'BEGIN {printf "%.0f", c / s}'; }

# Runs rinnalla-load for METHOD through PROTOCOL (grpc or rest); appends its calls, seconds,
# latencies and the server's CPU ticks to $work/METHOD.PROTOCOL.*.
load() {
  local method=$1 protocol=$2 through=() ticks
  [ "$protocol" = rest ] && through=(--http "127.0.0.1:$http_port")
  ticks=$(bench_server_ticks)
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$token" --org bench \
      --method "$method" --plan "$work/plan" --callers "$CALLERS" --duration "${ROUND_SECONDS}s" \
      --latency-log "$work/load.latencies" "${through[@]}" >"$work/load.out" ||
    echo "rinnalla-load reported failed calls: $(cat "$work/load.out")"
  grep -o "calls=[0-9]*" "$work/load.out" | cut -d= -f2 >>"$work/$method.$protocol.calls"
  grep -o "seconds=[0-9.]*" "$work/load.out" | cut -d= -f2 >>"$work/$method.$protocol.seconds"
  cat "$work/load.latencies" >>"$work/$method.$protocol.latencies"
  echo "$(($(bench_server_ticks) - ticks))" >>"$work/$method.$protocol.ticks"
  echo "  $(cat "$work/load.out")"
}

for method in GetGuide LogVisit; do
  for round in $(seq "$ROUNDS"); do
    echo "== $method round $round: gRPC, then REST; $CALLERS callers, ${ROUND_SECONDS}s each," \
         "server pool $POOL"
    load "$method" grpc
    load "$method" rest
  done
done

echo "== Results ($CALLERS callers, $((ROUNDS * ROUND_SECONDS)) s per protocol and method)"
for method in GetGuide LogVisit; do
  grpc=$(rate "$method.grpc")
  rest=$(rate "$method.rest")
  target=0.6
  [ "$method" = LogVisit ] && target=0.8
  echo "$method: gRPC $grpc calls/s (p50 $(percentile 0.5 "$work/$method.grpc.latencies") ms," \
       "p99 $(percentile 0.99 "$work/$method.grpc.latencies") ms); REST $rest calls/s" \
       "(p50 $(percentile 0.5 "$work/$method.rest.latencies") ms," \
       "p99 $(percentile 0.99 "$work/$method.rest.latencies") ms)"
  awk -v r="$rest" -v g="$grpc" -v t="$target" -v m="$method" \
      -v p50r="$(percentile 0.5 "$work/$method.rest.latencies")" \
      -v p50g="$(percentile 0.5 "$work/$method.grpc.latencies")" \
      -v p99r="$(percentile 0.99 "$work/$method.rest.latencies")" \
      -v p99g="$(percentile 0.99 "$work/$method.grpc.latencies")" \
      'BEGIN {printf "  ratio %s REST/gRPC: %.2f (target >= %s); the HTTP layer adds p50 %+.2f ms, p99 %+.2f ms\n",
              m, r / g, t, p50r - p50g, p99r - p99g}'
  echo "  server CPU per call: gRPC $(cpu_per_call "$method.grpc") ms, REST $(cpu_per_call "$method.rest") ms"
done
echo "visits: $(psql -X -q -tA -d rinnalla_bench -c "SELECT count(*) FROM visits WHERE org_id = 'bench'") stored," \
     "$(psql -X -q -tA -d rinnalla_bench -c "SELECT count(*) - count(DISTINCT (org_id, id)) FROM visits") duplicates"
