#!/usr/bin/env bash
# What the metrics cost: LogVisit throughput from 32 callers (each a guide with their client,
# each call a new visit) against the server with metrics on (--metrics, the default, scraped
# once a second as Prometheus would) and off (--metrics=false), in alternating rounds against
# the same database, so both meet the same machine. Prints both and their ratio (target >= 0.97).
# Usage: bench/metrics_cost.sh [seconds per round, default 10] (3 rounds each)
# Environment: POOL (--pool-size, default 16), CALLERS (default 32), ROUNDS (default 3).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export ROUND_SECONDS=${1:-10} ROUNDS=${ROUNDS:-3} HERE=$(cd "$(dirname "$0")" && pwd)
export CALLERS=${CALLERS:-32} POOL=${POOL:-16}
pg_virtualenv -t -- bash "$HERE/metrics_cost_run.sh"
