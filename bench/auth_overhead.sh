#!/usr/bin/env bash
# What authentication + authorization + the access-log write add to GetClient's median latency,
# with and without, in one run (rinnalla-auth-bench). Throwaway PostgreSQL (pg_virtualenv).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
bench_prepare

pg_virtualenv -t -- bash -c '
  set -euo pipefail
  source "$BENCH_LIB"
  bench_serve bench social_worker
  client=$(RINNALLA_TOKEN=$token "$BUILD/tools/rinnalla" call --server "127.0.0.1:$port" \
      Directory/CreateClient "{\"parent\":\"organizations/bench\",\"client\":{\"displayName\":\"Bench Client\"}}" \
      | grep -o "organizations/bench/clients/[0-9a-f-]*" | head -1)
  "$BUILD/bench/rinnalla-auth-bench" --server "127.0.0.1:$port" --token "$token" \
      --client "$client" --database "$conn" --jwt-public-keys "$keys/public.pem"
'
