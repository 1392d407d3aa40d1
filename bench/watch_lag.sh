#!/usr/bin/env bash
# WatchEvents' delivery lag (from an event being written to its arrival at a watcher) while
# CreateClient runs at full rate from 16 callers: p50, p99 and max, and the write rate beside it.
# Runs in a throwaway PostgreSQL (pg_virtualenv). Usage: bench/watch_lag.sh [seconds]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export SECONDS_TO_RUN=${1:-20}

pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench integration
  writer=$("$BUILD/tools/rinnalla" token --key "$keys/private.pem" --org bench --role social_worker \
      --sub users/bench)
  "$BUILD/bench/rinnalla-watch-lag" --server "127.0.0.1:$port" --org bench --token "$token" \
      --duration "$((SECONDS_TO_RUN + 2))s" >"$server_log.lag" &
  watcher=$!
  sleep 1
  load=$("$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --org bench --token "$writer" \
      --method CreateClient --callers 16 --duration "${SECONDS_TO_RUN}s")
  wait $watcher
  echo "write load, CreateClient: $load"
  echo "WatchEvents while it runs: $(cat "$server_log.lag") (target: p99 < 200 ms)"
'
