#!/usr/bin/env bash
# Visits' numbers, in one throwaway PostgreSQL, against one database (bench/visits_run.sh runs
# inside it):
#  - pgbench running LogVisit's transaction (bench/log_visit.sql: the checks, the request id, the
#    visit, its revision, the outbox event, the access-log row) with as many connections as the
#    server's pool and with 32, and LogVisit through gRPC from 32 callers (each a guide with
#    their client), each call a new visit. They take turns, two rounds of the given seconds
#    each, so all meet the same machine; printed: the throughputs, the ratios, and the p50/p99
#    latencies of each;
#  - SyncVisits, 50 visits per stream from 32 callers: visits per second, next to LogVisit's;
#  - the CPU each process used per call, and the server's resident memory under that load;
#  - visits stored twice (the same assignment, start and content), and visits beyond their
#    request ids.
# Usage: bench/visits.sh [seconds per round, default 10: LogVisit runs 2 rounds]
# Environment: POOL (the server's --pool-size, default 16 as in the other benchmarks; on 2 cores
# 16 busy backends outrun 32), CALLERS (default 32).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export ROUND_SECONDS=${1:-10} ROUNDS=2 HERE=$(cd "$(dirname "$0")" && pwd)
export CALLERS=${CALLERS:-32} POOL=${POOL:-16}
# -t: a cluster in a temporary directory even as root, so concurrent runs do not collide.
pg_virtualenv -t -- bash "$HERE/visits_run.sh"
