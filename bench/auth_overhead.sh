#!/usr/bin/env bash
# What authentication + authorization + the access-log write add to GetClient's median latency,
# with and without, in one run (rinnalla-auth-bench). Throwaway PostgreSQL (pg_virtualenv).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${RINNALLA_BUILD_DIR:-$root/build}
# shellcheck source=../deploy/packages.sh
source "$root/deploy/packages.sh"
rinnalla_install_packages
rinnalla_build "$build" >/dev/null

export BUILD=$build
pg_virtualenv -- bash -c '
  set -euo pipefail
  createdb rinnalla_bench
  conn="dbname=rinnalla_bench"
  "$BUILD/tools/rinnalla" migrate --database "$conn" >/dev/null
  keys=$(mktemp -d)
  "$BUILD/tools/rinnalla" keygen --out "$keys" >/dev/null
  token=$("$BUILD/tools/rinnalla" token --key "$keys/private.pem" --org bench \
      --role social_worker --sub users/bench)
  log=$(mktemp)
  "$BUILD/services/rinnalla-server" --listen 127.0.0.1:0 --database "$conn" \
      --jwt-public-keys "$keys/public.pem" >"$log" &
  server=$!
  trap "kill $server 2>/dev/null || true" EXIT
  until grep -q "\"event\":\"serving\"" "$log"; do sleep 0.1; done
  port=$(grep -o "\"port\":[0-9]*" "$log" | head -1 | cut -d: -f2)
  client=$(RINNALLA_TOKEN=$token "$BUILD/tools/rinnalla" call --server "127.0.0.1:$port" \
      Directory/CreateClient "{\"parent\":\"organizations/bench\",\"client\":{\"displayName\":\"Bench Client\"}}" \
      | grep -o "organizations/bench/clients/[0-9a-f-]*" | head -1)
  "$BUILD/bench/rinnalla-auth-bench" --server "127.0.0.1:$port" --token "$token" \
      --client "$client" --database "$conn" --jwt-public-keys "$keys/public.pem"
'
