#!/usr/bin/env bash
# CreateGuide throughput at 16 concurrent callers (server pool 16), next to pgbench running the
# server's transaction (bench/create_guide.sql: the guide, its event, the read-back) with 16
# connections on the same database, as a ratio; and the server's resident memory at idle.
# Runs in a throwaway PostgreSQL (pg_virtualenv). Usage: bench/create_guide.sh [seconds]
set -euo pipefail
seconds=${1:-10}
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare

export SECONDS_TO_RUN=$seconds CALLERS=16 HERE=$(cd "$(dirname "$0")" && pwd)
pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench coordinator --pool-size 16
  sleep 2  # let start-up settle before reading idle memory
  rss_kib=$(awk "/VmRSS/ {print \$2}" /proc/$server/status)
  echo "server idle RSS: $((rss_kib / 1024)) MiB ($rss_kib KiB)"

  cpu() { awk "{print \$14 + \$15}" "/proc/$1/stat"; }  # utime + stime, clock ticks
  pg_cpu() { ps -u postgres -o cputimes= 2>/dev/null | awk "{s += \$1} END {print s + 0}"; }
  server_before=$(cpu $server); pg_before=$(pg_cpu)
  /usr/bin/time -f "%U %S" -o /tmp/load_cpu "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" \
      --org bench --token "$token" --method CreateGuide --callers "$CALLERS" --duration "${SECONDS_TO_RUN}s" >/tmp/load_out
  service=$(cat /tmp/load_out)
  echo "rinnalla CreateGuide: $service"
  tick=$(getconf CLK_TCK)
  echo "CPU seconds during the run: server $(( ($(cpu $server) - server_before) / tick )),"\
       "load generator $(awk "{print int(\$1 + \$2)}" /tmp/load_cpu),"\
       "postgres $(( $(pg_cpu) - pg_before ))"

  reference=$(pgbench -n -c "$CALLERS" -j 2 -T "$SECONDS_TO_RUN" -f "$HERE/create_guide.sql" \
      rinnalla_bench 2>/dev/null | awk "/^tps/ {print \$3; exit}")
  echo "pgbench, CreateGuide'"'"'s transaction (the guide, its event, the read-back), $CALLERS connections: $reference tps"
  ours=$(echo "$service" | grep -o "calls_per_second=[0-9.]*" | cut -d= -f2)
  awk -v a="$ours" -v b="$reference" "BEGIN {printf \"ratio rinnalla/pgbench: %.2f\n\", a / b}"
  rss_after=$(awk "/VmRSS/ {print \$2}" /proc/$server/status)
  echo "server RSS after load: $((rss_after / 1024)) MiB"
'
