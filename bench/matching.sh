#!/usr/bin/env bash
# Matching's numbers, in one throwaway PostgreSQL:
#  - SuggestGuides with 10,000 guides in the organization: p50 and p99, server-side (from the
#    server's own log lines) and as the caller sees them; alone, and again while LogVisit and
#    CreateClient run at full rate (4 callers each) in the same organization;
#  - AssignGuide from 32 concurrent callers over 1,000 guides (server pool 16), next to pgbench
#    running the same statements in one transaction (bench/assign_guide.sql) with 16 and with 32
#    connections on the same database, taking turns in two rounds, as ratios.
# Usage: bench/matching.sh [seconds for SuggestGuides]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export SUGGEST_SECONDS=${1:-15} HERE=$(cd "$(dirname "$0")" && pwd)

pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench coordinator --pool-size 16 --metrics-listen 127.0.0.1:0
  metrics_port=$(grep "\"event\":\"serving\"" "$server_log" | grep -o "\"metrics_port\":[0-9]*" | cut -d: -f2)
  # How often the suggestion pool was read anew from the database (not refreshed by changes).
  reloads() { curl -s "http://127.0.0.1:$metrics_port/metrics" | awk "/^rinnalla_suggestion_pool_refreshes_total/ {print \$2}"; }
  rinnalla="$BUILD/tools/rinnalla"
  psql_() { psql -X -q -tA -d rinnalla_bench "$@"; }
  percentile() { sort -n | awk -v p="$1" "{v[NR] = \$1} END {i = int(p * (NR - 1)) + 1; print v[i]}"; }

  echo "== SuggestGuides, 10,000 guides"
  "$rinnalla" demo-data --database "$conn" --org bench --guides 10000 --clients 10
  client=$(psql_ -c "SELECT id FROM clients WHERE org_id = '"'"'bench'"'"' LIMIT 1")
  referral=$(RINNALLA_TOKEN=$token "$rinnalla" call --server "127.0.0.1:$port" Matching/CreateReferral \
    "{\"parent\":\"organizations/bench\",\"referral\":{\"client\":\"organizations/bench/clients/$client\",\"needs\":[\"MENTAL_HEALTH\",\"DEBT\"],\"languages\":[\"fi\"],\"municipality\":\"398\"}}" \
    | grep -o "organizations/bench/referrals/[0-9a-f-]*" | head -1)
  candidates=$(psql_ -c "SELECT count(*) FROM guides WHERE org_id = '"'"'bench'"'"' AND state = '"'"'ACTIVE'"'"' AND '"'"'fi'"'"' = ANY (languages)")
  echo "guides: 10000, of them ACTIVE and speaking fi (before caseload and exclusions): $candidates"
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$token" --method SuggestGuides \
      --referral "$referral" --callers 1 --duration 3s >/dev/null  # warm up
  # One caller of SuggestGuides for $SUGGEST_SECONDS; p50/p99 from the server log lines of the run.
  # Also the reloads of the suggestion pool during the run, and the server CPU per SuggestGuides call (with the
  # writers'"'"' calls, in the mixed run).
  suggest() {
    local start ticks reloaded
    start=$(wc -l <"$server_log")
    ticks=$(bench_server_ticks)
    reloaded=$(reloads)
    "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$token" --method SuggestGuides \
        --referral "$referral" --callers 1 --duration "${SUGGEST_SECONDS}s"
    ticks=$(($(bench_server_ticks) - ticks))
    echo "pool reloads during the run: $(awk -v a="$(reloads)" -v b="$reloaded" "BEGIN {print a - b}")"
    tail -n +"$((start + 1))" "$server_log" | grep "Matching/SuggestGuides" \
        | grep -o "\"latency_ms\":[0-9.]*" | cut -d: -f2 >"$server_log.suggest"
    echo "server CPU during the run: $(awk -v t="$ticks" -v n="$(wc -l <"$server_log.suggest")" -v hz="$(getconf CLK_TCK)" "BEGIN {printf \"%.2f\", t * 1000 / hz / n}") ms per SuggestGuides call"
    echo "server-side over $(wc -l <"$server_log.suggest") calls: p50 $(percentile 0.5 <"$server_log.suggest") ms, p99 $(percentile 0.99 <"$server_log.suggest") ms (targets: p50 < 3 ms, p99 < 10 ms)"
  }
  suggest

  echo "== SuggestGuides, 10,000 guides, while LogVisit and CreateClient run at full rate in the same organization"
  # Guidances for LogVisit in the same organization: a guide (speaking sv, so not a candidate of
  # the fi referral), a client and an ACTIVE assignment each; rinnalla-load'"'"'s plan for them.
  BENCH_LANGUAGE=sv bench_guidances 4 bench
  bench_plan bench >"$server_log.visits"
  writes=$((SUGGEST_SECONDS + 4))
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --method LogVisit \
      --plan "$server_log.visits" --callers 4 --duration "${writes}s" >"$server_log.logvisit" &
  visits=$!
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$token" --org bench \
      --method CreateClient --callers 4 --duration "${writes}s" >"$server_log.createclient" &
  clients=$!
  sleep 2  # the writers get going
  suggest
  wait "$visits" "$clients"
  echo "meanwhile LogVisit: $(grep -o "calls_per_second=[0-9.]*" "$server_log.logvisit" | cut -d= -f2) calls/s ($(grep -o "failed=[0-9]*" "$server_log.logvisit")), CreateClient: $(grep -o "calls_per_second=[0-9.]*" "$server_log.createclient" | cut -d= -f2) calls/s ($(grep -o "failed=[0-9]*" "$server_log.createclient"))"

  echo "== AssignGuide over 1,000 guides: rinnalla from 32 callers (pool 16) and pgbench with 16 and 32 connections, taking turns"
  # 1,000 ACTIVE guides of 8 places and 6,000 clients, each with an OPEN referral; pair n is the
  # referral of client n and guide n mod 1000. Ids are md5 digests of the numbers, so pgbench
  # names them as literals, as the server gets them from its callers, without a lookup.
  psql_ -c "
    INSERT INTO guides (org_id, id, display_name, experience_areas, languages, municipalities,
                        max_active_clients, state)
      SELECT '"'"'assign'"'"', md5('"'"'guide-'"'"' || g)::uuid, '"'"'Ohjaaja '"'"' || g, '"'"'{DEBT}'"'"', '"'"'{fi}'"'"', '"'"'{398}'"'"', 8, '"'"'ACTIVE'"'"'
      FROM generate_series(0, 999) g;
    INSERT INTO clients (org_id, id, display_name, municipality, languages, state)
      SELECT '"'"'assign'"'"', md5('"'"'client-'"'"' || n)::uuid, '"'"'Asiakas '"'"' || n, '"'"'398'"'"', '"'"'{fi}'"'"', '"'"'ACTIVE'"'"'
      FROM generate_series(1, 6000) n;
    INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state, created_by)
      SELECT '"'"'assign'"'"', md5('"'"'referral-'"'"' || n)::uuid, md5('"'"'client-'"'"' || n)::uuid, '"'"'{DEBT}'"'"', '"'"'{fi}'"'"', '"'"'398'"'"', '"'"'OPEN'"'"', '"'"'bench'"'"'
      FROM generate_series(1, 6000) n;"
  assign_token=$("$rinnalla" token --key "$keys/private.pem" --org assign --role social_worker --sub users/bench)
  per_turn=640  # pairs per turn: divisible by 16 and 32
  next=1
  : >"$server_log.ours"; : >"$server_log.ref16"; : >"$server_log.ref32"
  for round in 1 2; do
    psql_ -c "SELECT '"'"'organizations/assign/referrals/'"'"' || md5('"'"'referral-'"'"' || n)::uuid || '"'"' organizations/assign/guides/'"'"' || md5('"'"'guide-'"'"' || n % 1000)::uuid FROM generate_series($next, $((next + per_turn - 1))) n" >"$server_log.plan"
    "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --token "$assign_token" --method AssignGuide \
        --plan "$server_log.plan" --callers 32 --duration 600s | tee -a "$server_log.ours"
    next=$((next + per_turn))
    for connections in 16 32; do
      pgbench -n -c "$connections" -j 2 -t $((per_turn / connections)) -D k=0 -D base="$next" \
          -D clients="$connections" -f "$HERE/assign_guide.sql" rinnalla_bench 2>/dev/null \
          | awk "/^tps/ {print \$3; exit}" | tee -a "$server_log.ref$connections" \
          | sed "s/^/pgbench, $connections connections: /; s/\$/ tps/"
      next=$((next + per_turn))
    done
  done
  ours=$(grep -o "calls_per_second=[0-9.]*" "$server_log.ours" | cut -d= -f2 | awk "{s += \$1} END {print s / NR}")
  ref16=$(awk "{s += \$1} END {print s / NR}" "$server_log.ref16")
  ref32=$(awk "{s += \$1} END {print s / NR}" "$server_log.ref32")
  echo "AssignGuide (mean of 2 turns): rinnalla $ours calls/s; pgbench on the same statements $ref16 tps with 16 connections (the server'"'"'s pool), $ref32 tps with 32"
  awk -v a="$ours" -v b="$ref16" -v c="$ref32" "BEGIN {printf \"ratio rinnalla/pgbench: %.2f against 16 connections, %.2f against 32\n\", a / b, a / c}"
  echo "assignments: $(psql_ -c "SELECT count(*) FROM assignments WHERE org_id = '"'"'assign'"'"'") of $((next - 1)) pairs, over capacity: $(psql_ -c "SELECT count(*) FROM guides WHERE active_client_count > max_active_clients")"
'
