#!/usr/bin/env bash
# What the HTTP layer costs, in one throwaway PostgreSQL, against one database and one server
# (bench/http_run.sh runs inside it): GetGuide and LogVisit from 16 callers through gRPC and
# through REST (the same server's HTTP listener, JSON on kept-alive HTTP/1.1 connections), taking
# turns, two rounds of the given seconds each, so both meet the same machine. LogVisit's callers
# are guides, each with their own client; each call a new visit with its own visit and request
# id. Printed: each throughput, the ratio REST/gRPC, the p50/p99 the HTTP layer adds, and the
# server's CPU time per call through each.
# Usage: bench/http.sh [seconds per round, default 10]
# Environment: POOL (the server's --pool-size, default 16), CALLERS (default 16).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
export ROUND_SECONDS=${1:-10} ROUNDS=2 HERE=$(cd "$(dirname "$0")" && pwd)
export CALLERS=${CALLERS:-16} POOL=${POOL:-16}
# -t: a cluster in a temporary directory even as root, so concurrent runs do not collide.
pg_virtualenv -t -- bash "$HERE/http_run.sh"
