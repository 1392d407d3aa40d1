# Shared by the bench scripts.

# Installs what is missing and builds; sets BUILD. Call outside the throwaway database.
bench_prepare() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # shellcheck source=../deploy/packages.sh
  source "$root/deploy/packages.sh"
  rinnalla_install_packages
  export BUILD=${RINNALLA_BUILD_DIR:-$root/build}
  rinnalla_build "$BUILD" >/dev/null
  export BENCH_LIB=$root/bench/lib.sh
}

# Inside pg_virtualenv: a migrated database, a key pair, a token for ORG and ROLE, and a server
# on a free port (extra arguments go to the server). Sets conn, keys, token, server (pid), port,
# server_log;
# the server is stopped on exit.
bench_serve() {
  local org=$1 role=$2
  shift 2
  createdb rinnalla_bench
  conn="dbname=rinnalla_bench"
  "$BUILD/tools/rinnalla" migrate --database "$conn" >/dev/null
  keys=$(mktemp -d)
  "$BUILD/tools/rinnalla" keygen --out "$keys" >/dev/null
  token=$("$BUILD/tools/rinnalla" token --key "$keys/private.pem" --org "$org" --role "$role" \
      --sub users/bench)
  server_log=$(mktemp)
  "$BUILD/services/rinnalla-server" --listen 127.0.0.1:0 --database "$conn" \
      --jwt-public-keys "$keys/public.pem" "$@" >"$server_log" &
  server=$!
  trap "kill $server 2>/dev/null || true" EXIT
  until grep -q '"event":"serving"' "$server_log"; do sleep 0.1; done
  port=$(grep -o '"port":[0-9]*' "$server_log" | head -1 | cut -d: -f2)
}
