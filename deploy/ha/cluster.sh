#!/usr/bin/env bash
# PostgreSQL high availability on loopback: one etcd and three PostgreSQL 15 nodes run by Patroni,
# with synchronous_mode and synchronous_mode_strict (a commit is acknowledged only once a
# standby has it, and writes stop rather than go unreplicated), as a county runs it on three
# machines. For trying failover here; deploy/ha/failover.sh drives it.
#
# Usage: deploy/ha/cluster.sh start DIR | stop DIR | leader DIR | kill-leader DIR (prints the
#        node and the unix ms it died) |
#        restart-node DIR NAME | switchover DIR | conninfo DIR | wait-healthy DIR
# Ports: HA_PORT_BASE (default 15400): etcd +0/+1, PostgreSQL +11..+13, Patroni's API +21..+23.
# As root, everything runs as the postgres user (PostgreSQL refuses root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command=${1:?usage: cluster.sh start|stop|leader|kill-leader|restart-node|switchover|conninfo|wait-healthy DIR}
dir=${2:?the cluster directory}
base=${HA_PORT_BASE:-15400}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
nodes=(node1 node2 node3)
app_password=rinnalla-ha

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
node_index() { case $1 in node1) echo 1 ;; node2) echo 2 ;; node3) echo 3 ;; esac; }
pg_port() { echo $((base + 10 + $(node_index "$1"))); }
api_port() { echo $((base + 20 + $(node_index "$1"))); }
ctl() { as_owner patronictl -c "$dir/node1.yml" "$@"; }

write_config() {
  local name=$1
  cat >"$dir/$name.yml" <<YAML
scope: rinnalla
name: $name
log:
  dir: $dir/$name
restapi:
  listen: 127.0.0.1:$(api_port "$name")
  connect_address: 127.0.0.1:$(api_port "$name")
etcd3:
  hosts: 127.0.0.1:$base
bootstrap:
  dcs:
    # A lost leader's key expires after ttl; a standby takes over within a loop after that.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    synchronous_mode_strict: true
    synchronous_node_count: 1
    postgresql:
      use_pg_rewind: true
      parameters:
        max_connections: 100
        wal_level: replica
        hot_standby: "on"
        wal_log_hints: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        synchronous_commit: "on"
  initdb:
    - encoding: UTF8
    - data-checksums
  post_bootstrap: $here/post_bootstrap.sh
postgresql:
  listen: 127.0.0.1:$(pg_port "$name")
  connect_address: 127.0.0.1:$(pg_port "$name")
  data_dir: $dir/$name/data
  bin_dir: $bin
  pgpass: $dir/$name/pgpass
  authentication:
    superuser: {username: postgres, password: ha-superuser}
    replication: {username: replicator, password: ha-replicator}
    rewind: {username: postgres, password: ha-superuser}
  parameters:
    unix_socket_directories: $dir/$name
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
YAML
}

start_node() {
  local name=$1
  as_owner bash -c "nohup patroni '$dir/$name.yml' >>'$dir/$name/patroni.out' 2>&1 & echo \$! >'$dir/$name/patroni.pid'"
}

leader() { ctl list -f json | python3 -c 'import json,sys; print(next(m["Member"] for m in json.load(sys.stdin) if m["Role"] == "Leader"))'; }

# Waits until there is a leader and a streaming synchronous standby (at most 90 s).
wait_healthy() {
  local i
  for i in $(seq 900); do
    if ctl list -f json 2>/dev/null | python3 -c '
import json, sys
members = json.load(sys.stdin)
roles = [m["Role"] for m in members]
ok = "Leader" in roles and any(m["Role"] in ("Sync Standby", "Synchronous Standby") and m["State"] in ("streaming", "running") for m in members)
sys.exit(0 if ok else 1)' 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "cluster.sh: no leader with a synchronous standby after 90 s" >&2
  ctl list >&2 || true
  return 1
}

case $command in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner mkdir -p "$dir/etcd" "${nodes[@]/#/$dir/}"
    as_owner chmod 700 "${nodes[@]/#/$dir/}"
    as_owner bash -c "nohup etcd --name ha --data-dir '$dir/etcd' \
        --listen-client-urls http://127.0.0.1:$base --advertise-client-urls http://127.0.0.1:$base \
        --listen-peer-urls http://127.0.0.1:$((base + 1)) \
        --initial-advertise-peer-urls http://127.0.0.1:$((base + 1)) \
        --initial-cluster ha=http://127.0.0.1:$((base + 1)) >>'$dir/etcd.out' 2>&1 & echo \$! >'$dir/etcd.pid'"
    for i in $(seq 100); do
      curl -fsS "http://127.0.0.1:$base/health" >/dev/null 2>&1 && break
      sleep 0.1
    done
    for n in "${nodes[@]}"; do
      write_config "$n"
      as_owner chown postgres: "$dir/$n.yml" 2>/dev/null || true
      start_node "$n"
    done
    wait_healthy
    ;;
  wait-healthy) wait_healthy ;;
  leader) leader ;;
  kill-leader)
    # The leader's machine is lost: Patroni and PostgreSQL die at once, with kill -9.
    name=$(leader)
    pids="$(cat "$dir/$name/patroni.pid") $(head -1 "$dir/$name/data/postmaster.pid")"
    kill -9 $pids
    echo "$name $(date +%s%3N)"  # the node, and when it died (unix ms)
    ;;
  restart-node)
    # A lost node comes back (Patroni rewinds it and it follows the new leader).
    name=${3:?node name}
    start_node "$name"
    ;;
  switchover)
    name=$(leader)
    ctl switchover --leader "$name" --force rinnalla >/dev/null
    echo "$name"
    ;;
  conninfo)
    echo "host=127.0.0.1,127.0.0.1,127.0.0.1 port=$(pg_port node1),$(pg_port node2),$(pg_port node3)" \
         "dbname=rinnalla user=rinnalla password=$app_password target_session_attrs=read-write" \
         "connect_timeout=2"
    ;;
  stop)
    for n in "${nodes[@]}"; do
      [ -f "$dir/$n/patroni.pid" ] && kill "$(cat "$dir/$n/patroni.pid")" 2>/dev/null || true
    done
    for n in "${nodes[@]}"; do
      for i in $(seq 100); do
        [ -f "$dir/$n/patroni.pid" ] && kill -0 "$(cat "$dir/$n/patroni.pid")" 2>/dev/null || break
        sleep 0.1
      done
      [ -f "$dir/$n/data/postmaster.pid" ] && kill -9 "$(head -1 "$dir/$n/data/postmaster.pid")" 2>/dev/null || true
    done
    [ -f "$dir/etcd.pid" ] && kill "$(cat "$dir/etcd.pid")" 2>/dev/null || true
    ;;
  *) echo "cluster.sh: unknown command $command" >&2; exit 2 ;;
esac
