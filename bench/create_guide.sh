#!/usr/bin/env bash
# CreateGuide throughput at 16 concurrent callers, next to pgbench running the same INSERT on the
# same database, as a ratio; and the server's resident memory at idle after start.
# Runs in a throwaway PostgreSQL (pg_virtualenv). Usage: bench/create_guide.sh [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
callers=16
build=${RINNALLA_BUILD_DIR:-$root/build}
# shellcheck source=../deploy/packages.sh
source "$root/deploy/packages.sh"
rinnalla_install_packages
rinnalla_build "$build" >/dev/null

export ROOT=$root BUILD=$build SECONDS_TO_RUN=$seconds CALLERS=$callers
pg_virtualenv -- bash -c '
  set -euo pipefail
  createdb rinnalla_bench
  conn="dbname=rinnalla_bench"
  "$BUILD/tools/rinnalla" migrate --database "$conn" >/dev/null
  keys=$(mktemp -d)
  "$BUILD/tools/rinnalla" keygen --out "$keys" >/dev/null
  token=$("$BUILD/tools/rinnalla" token --key "$keys/private.pem" --org bench --role coordinator \
      --sub users/bench)
  log=$(mktemp)
  "$BUILD/services/rinnalla-server" --listen 127.0.0.1:0 --database "$conn" --pool-size 16 \
      --jwt-public-keys "$keys/public.pem" >"$log" &
  server=$!
  trap "kill $server 2>/dev/null || true" EXIT
  until grep -q "\"event\":\"serving\"" "$log"; do sleep 0.1; done
  port=$(grep -o "\"port\":[0-9]*" "$log" | head -1 | cut -d: -f2)
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

  sql=$(mktemp --suffix=.sql)
  cat >"$sql" <<SQL
INSERT INTO guides (org_id, id, display_name, experience_areas, languages, municipalities,
                    max_active_clients, state)
VALUES ('"'"'pgbench'"'"', gen_random_uuid(), '"'"'Guide'"'"', '"'"'{MENTAL_HEALTH}'"'"', '"'"'{fi}'"'"',
        '"'"'{398}'"'"', 5, '"'"'ACTIVE'"'"');
SQL
  reference=$(pgbench -n -c "$CALLERS" -j 2 -T "$SECONDS_TO_RUN" -f "$sql" rinnalla_bench 2>/dev/null \
      | awk "/^tps/ {print \$3; exit}")
  echo "pgbench same INSERT, $CALLERS clients: $reference tps"
  ours=$(echo "$service" | grep -o "calls_per_second=[0-9.]*" | cut -d= -f2)
  awk -v a="$ours" -v b="$reference" "BEGIN {printf \"ratio rinnalla/pgbench: %.2f\n\", a / b}"
  rss_after=$(awk "/VmRSS/ {print \$2}" /proc/$server/status)
  echo "server RSS after load: $((rss_after / 1024)) MiB"
'
