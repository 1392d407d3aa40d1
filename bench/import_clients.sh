#!/usr/bin/env bash
# ImportClients: new clients streamed per second, one stream at a time (10,000 clients per call,
# batched 500 per transaction by the server) and two streams at once; next to pgbench running the
# same statements for batches of 500 on the same database, as a ratio.
# Runs in a throwaway PostgreSQL (pg_virtualenv). Usage: bench/import_clients.sh [seconds]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export SECONDS_TO_RUN=${1:-15} HERE=$(cd "$(dirname "$0")" && pwd)

pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench integration
  load() {
    "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --org bench --token "$token" \
        --method ImportClients --clients-per-call 10000 "$@"
  }
  load --callers 1 --duration 3s >/dev/null  # warm up
  one=$(load --callers 1 --duration "${SECONDS_TO_RUN}s")
  echo "rinnalla ImportClients, 1 stream:  $one"
  two=$(load --callers 2 --duration "${SECONDS_TO_RUN}s")
  echo "rinnalla ImportClients, 2 streams: $two"
  echo "clients in the database: $(psql -X -q -tA -d rinnalla_bench -c "SELECT count(*) FROM clients")"
  reference=$(pgbench -n -c 1 -j 1 -T "$SECONDS_TO_RUN" -f "$HERE/import_clients.sql" rinnalla_bench \
      2>/dev/null | awk "/^tps/ {print \$3 * 500; exit}")
  echo "pgbench, the same statements for 500 clients per transaction, 1 client: $reference clients/s"
  ours=$(echo "$one" | grep -o "clients_per_second=[0-9.]*" | cut -d= -f2)
  awk -v a="$ours" -v b="$reference" "BEGIN {printf \"ratio rinnalla/pgbench (1 stream): %.2f\n\", a / b}"
'
