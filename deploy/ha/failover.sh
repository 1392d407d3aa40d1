#!/usr/bin/env bash
# Proves failover here: a Patroni cluster of 3 on loopback (cluster.sh), rinnalla-server on a
# multi-host connection string (target_session_attrs=read-write), LogVisit from 16 callers with
# fresh visit ids and a WatchEvents watcher (rinnalla-failover-load), while the leader is killed
# with -9 KILLS times and a switchover is asked SWITCHOVERS times. Then checks: no acknowledged
# visit lost, none doubled, the server never restarted, the watcher missed and repeated no event;
# prints the RTO of each run (from the failure to the first visit stored by a call sent after
# it), their median and max, and LogVisit throughput with synchronous replication against one
# plain node.
# Usage: deploy/ha/failover.sh [KILLS=5] [SWITCHOVERS=5]   (BUILD: the build folder, default build)
# Exits non-zero when any check fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kills=${1:-5}
switchovers=${2:-5}
build=${BUILD:-$root/build}
callers=16
for binary in services/rinnalla-server tools/rinnalla bench/rinnalla-failover-load; do
  [ -x "$build/$binary" ] || { echo "failover.sh: build $binary first (cmake --build $build --target ...)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/rinnalla-ha.XXXXXX)
chmod 755 "$work"
cluster="$work/cluster"
server=""
single_pid=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  bash "$here/cluster.sh" stop "$cluster" 2>/dev/null || true
  [ -n "$single_pid" ] && kill "$single_pid" 2>/dev/null || true
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "== starting etcd and 3 PostgreSQL nodes under Patroni (synchronous_mode_strict)"
bash "$here/cluster.sh" start "$cluster"
conninfo=$(bash "$here/cluster.sh" conninfo "$cluster")
rinnalla="$build/tools/rinnalla"

# A migrated database with $callers guidances (a guide, their client, an ACTIVE assignment).
prepare() {
  local conn=$1
  "$rinnalla" migrate --database "$conn" >/dev/null
  psql -X -q -d "$conn" <<SQL
CREATE TABLE ha_guidance AS
  SELECT k, gen_random_uuid() AS guide_id, gen_random_uuid() AS client_id,
         gen_random_uuid() AS referral_id, gen_random_uuid() AS assignment_id
  FROM generate_series(0, $callers - 1) AS k;
INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state, active_client_count)
  SELECT 'bench', guide_id, 'Ohjaaja ' || k, '{fi}', 5, 'ACTIVE', 1 FROM ha_guidance;
INSERT INTO clients (org_id, id, display_name, state)
  SELECT 'bench', client_id, 'Asiakas ' || k, 'ACTIVE' FROM ha_guidance;
INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state, created_by)
  SELECT 'bench', referral_id, client_id, '{DEBT}', '{fi}', '398', 'MATCHED', 'bench' FROM ha_guidance;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state, start_time)
  SELECT 'bench', assignment_id, client_id, guide_id, referral_id, 'ACTIVE', now() - interval '60 days'
  FROM ha_guidance;
SQL
  psql -X -q -tA -F " " -d "$conn" -c "SELECT guide_id, client_id, assignment_id FROM ha_guidance ORDER BY k" |
    while read -r guide client assignment; do
      echo "$("$rinnalla" token --key "$work/keys/private.pem" --org bench --role guide \
              --sub "organizations/bench/guides/$guide")" \
           "organizations/bench/clients/$client organizations/bench/assignments/$assignment"
    done >"$work/plan.$2"
}
# Starts rinnalla-server on `conn`; sets server and port.
serve() {
  "$build/services/rinnalla-server" --listen 127.0.0.1:0 --database "$1" --pool-size 8 \
      --health-interval 500ms --jwt-public-keys "$work/keys/public.pem" >"$work/server.$2.log" &
  server=$!
  for _ in $(seq 600); do grep -q '"event":"serving"' "$work/server.$2.log" && break; sleep 0.1; done
  port=$(grep -o '"port":[0-9]*' "$work/server.$2.log" | head -1 | cut -d: -f2)
}
mkdir -p "$work/keys"
"$rinnalla" keygen --out "$work/keys" >/dev/null
watch_token=$("$rinnalla" token --key "$work/keys/private.pem" --org bench --role integration --sub systems/ha)

prepare "$conninfo" ha
serve "$conninfo" ha
server_pid=$server
echo "== load: LogVisit from $callers callers, a watcher on the feed; server pid $server_pid"
"$build/bench/rinnalla-failover-load" --server "127.0.0.1:$port" --plan "$work/plan.ha" \
    --watch-token "$watch_token" --callers "$callers" --acks "$work/acks" --events "$work/events" \
    --until "$work/stop" >"$work/load.out" 2>"$work/load.err" &
load=$!

# The RTO of a failure at $1 (ms): until the first visit stored by a call sent after it (a call
# already in flight may still be answered by the old primary just after the failure).
rto_after() {
  local t=$1 first
  for _ in $(seq 1200); do
    first=$(awk -v t="$t" '$2 > t {print $1; exit}' "$work/acks")
    [ -n "$first" ] && { echo $((first - t)); return; }
    sleep 0.1
  done
  echo "failover.sh: no visit acknowledged within 120 s of the failure" >&2
  exit 1
}
steady() {  # a few seconds of steady load between failures, with the cluster whole again
  bash "$here/cluster.sh" wait-healthy "$cluster"
  sleep "${STEADY_SECONDS:-4}"
}
sleep 3
: >"$work/rto"
for i in $(seq "$kills"); do
  read -r node t < <(bash "$here/cluster.sh" kill-leader "$cluster")
  rto=$(rto_after "$t")
  echo "kill -9 of the leader ($node) $i/$kills: first visit stored ${rto} ms later" | tee -a "$work/runs"
  echo "$rto" >>"$work/rto"
  bash "$here/cluster.sh" restart-node "$cluster" "$node"
  steady
done
for i in $(seq "$switchovers"); do
  t=$(now_ms)  # from when the switchover is asked
  node=$(bash "$here/cluster.sh" switchover "$cluster")
  rto=$(rto_after "$t")
  echo "switchover from $node $i/$switchovers: first visit stored ${rto} ms later" | tee -a "$work/runs"
  echo "$rto" >>"$work/switchover_rto"
  steady
done
touch "$work/stop"
wait "$load"
echo "  $(cat "$work/load.out")"

psql_() { psql -X -q -tA -d "$conninfo" "$@"; }
awk '{print $3}' "$work/acks" | sed 's|.*/visits/||' | sort >"$work/acked_ids"
psql_ -c "SELECT id FROM visits WHERE org_id = 'bench'" | sort >"$work/stored_ids"
acked=$(wc -l <"$work/acked_ids")
lost=$(comm -23 "$work/acked_ids" "$work/stored_ids" | wc -l)
acked_twice=$(uniq -d "$work/acked_ids" | wc -l)
doubled=$(psql_ -c "SELECT count(*) - count(DISTINCT id) FROM visits WHERE org_id = 'bench'")
unacknowledged=$(comm -13 "$work/acked_ids" "$work/stored_ids" | wc -l)
psql_ -c "SELECT kind || ' ' || resource FROM events WHERE org_id = 'bench'" | sort >"$work/stored_events"
cut -d' ' -f2- "$work/events" | sort >"$work/received_events"
missed=$(comm -23 "$work/stored_events" <(sort -u "$work/received_events") | wc -l)
repeated=$(( $(wc -l <"$work/received_events") - $(sort -u "$work/received_events" | wc -l) ))
restarted=no
kill -0 "$server_pid" 2>/dev/null || restarted=yes

median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
max() { sort -n "$1" | tail -1; }
echo "== Results"
echo "acknowledged visits: $acked; lost: $lost (RPO); doubled: $doubled; acknowledged twice: $acked_twice;" \
     "stored but never acknowledged: $unacknowledged"
echo "events: $(wc -l <"$work/stored_events") written, $(wc -l <"$work/received_events") received;" \
     "missed: $missed; repeated: $repeated"
echo "server restarted: $restarted"
echo "RTO after kill -9 of the leader ($kills runs): median $(median "$work/rto") ms, max $(max "$work/rto") ms"
echo "RTO after a switchover ($switchovers runs): median $(median "$work/switchover_rto") ms, max $(max "$work/switchover_rto") ms"

# Throughput: the same load, no failures, on the synchronous cluster and on one plain node.
throughput() {  # conn, label: visits per second over THROUGHPUT_SECONDS
  local seconds=${THROUGHPUT_SECONDS:-20}
  rm -f "$work/stop.$2"
  "$build/bench/rinnalla-failover-load" --server "127.0.0.1:$port" --plan "$work/plan.$3" \
      --watch-token "$watch_token" --callers "$callers" --acks "$work/acks.$2" \
      --events "$work/events.$2" --duration "${seconds}s" --settle 1s >/dev/null 2>&1
  awk -v s="$seconds" 'END {printf "%.0f", NR / s}' "$work/acks.$2"
}
synchronous=$(throughput "$conninfo" sync ha)
kill "$server"; wait "$server" 2>/dev/null || true
single_port=$((${HA_PORT_BASE:-15400} + 30))
mkdir -p "$work/single"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/single"
as_owner "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/initdb" -D "$work/single/data" -A trust -U postgres >/dev/null
as_owner bash -c "nohup '$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres' -D '$work/single/data' \
    -c port=$single_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$work/single' \
    -c max_connections=100 >'$work/single/log' 2>&1 & echo \$! >'$work/single/pid'"
single_pid=$(cat "$work/single/pid")
for _ in $(seq 300); do pg_isready -q -h 127.0.0.1 -p "$single_port" && break; sleep 0.1; done
psql -X -q -h 127.0.0.1 -p "$single_port" -U postgres -c "CREATE DATABASE rinnalla"
single_conn="host=127.0.0.1 port=$single_port user=postgres dbname=rinnalla"
prepare "$single_conn" single
serve "$single_conn" single
single=$(throughput "$single_conn" single single)
echo "LogVisit throughput, $callers callers: synchronous replication (3 nodes) $synchronous visits/s," \
     "one node $single visits/s; ratio $(awk -v a="$synchronous" -v b="$single" 'BEGIN {printf "%.2f", a / b}')"

failed=0
[ "$lost" -eq 0 ] || { echo "FAILED: acknowledged visits lost"; failed=1; }
[ "$doubled" -eq 0 ] && [ "$acked_twice" -eq 0 ] || { echo "FAILED: visits doubled"; failed=1; }
[ "$missed" -eq 0 ] || { echo "FAILED: the watcher missed events"; failed=1; }
[ "$repeated" -eq 0 ] || { echo "FAILED: the watcher received events twice"; failed=1; }
[ "$restarted" = no ] || { echo "FAILED: the server did not survive"; failed=1; }
[ "$failed" -eq 0 ] && echo "failover: all checks passed"
exit "$failed"
