# Shared by the bench scripts.

# Installs what is missing and builds the server, the command-line tool and the load generators
# (not the tests or the web app); sets BUILD. Call outside the throwaway database.
bench_prepare() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # shellcheck source=../deploy/packages.sh
  source "$root/deploy/packages.sh"
  rinnalla_install_packages
  export BUILD=${RINNALLA_BUILD_DIR:-$root/build}
  cmake -S "$root" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target rinnalla-server rinnalla rinnalla-load \
      rinnalla-auth-bench rinnalla-watch-lag rinnalla-failover-load >/dev/null
  export BENCH_LIB=$root/bench/lib.sh
}

# Inside pg_virtualenv: a migrated database, a key pair, a token for ORG and ROLE, and a server
# on a free port (extra arguments go to the server). Sets conn, keys, token, server (pid), port,
# server_log, and http_port when the arguments have --http-listen; the server is stopped on exit.
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
  port=$(grep '"event":"serving"' "$server_log" | grep -o '"port":[0-9]*' | head -1 | cut -d: -f2)
  http_port=
  case " $* " in
    *" --http-listen "* | *" --http-listen="*)
      until grep -q '"event":"serving_http"' "$server_log"; do sleep 0.1; done
      http_port=$(grep '"event":"serving_http"' "$server_log" | grep -o '"port":[0-9]*' |
                  head -1 | cut -d: -f2)
      ;;
  esac
}

# Inside pg_virtualenv, after bench_serve: COUNT guidances in each organization ORG...: a guide,
# their client and an ACTIVE assignment since 60 days, in the table bench_guidance. The guides
# speak BENCH_LANGUAGE (default fi).
bench_guidances() {
  local count=$1 orgs language=${BENCH_LANGUAGE:-fi}
  shift
  orgs=$(printf "'%s'," "$@")
  psql -X -q -tA -d rinnalla_bench <<SQL
CREATE TABLE bench_guidance AS
  SELECT o.org, k, gen_random_uuid() AS guide_id, gen_random_uuid() AS client_id,
         gen_random_uuid() AS referral_id, gen_random_uuid() AS assignment_id
  FROM unnest(ARRAY[${orgs%,}]) AS o(org), generate_series(0, $count - 1) AS k;
INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state,
                    active_client_count)
  SELECT org, guide_id, 'Ohjaaja ' || k, '{$language}', 5, 'ACTIVE', 1 FROM bench_guidance;
INSERT INTO clients (org_id, id, display_name, state)
  SELECT org, client_id, 'Asiakas ' || k, 'ACTIVE' FROM bench_guidance;
INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state, created_by)
  SELECT org, referral_id, client_id, '{DEBT}', '{$language}', '398', 'MATCHED', 'bench'
  FROM bench_guidance;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state, start_time)
  SELECT org, assignment_id, client_id, guide_id, referral_id, 'ACTIVE', now() - interval '60 days'
  FROM bench_guidance;
SQL
}

# rinnalla-load's plan for the LogVisit callers of ORG: one line per guidance,
# "guide-token client assignment".
bench_plan() {
  psql -X -q -tA -d rinnalla_bench -F " " -c "SELECT guide_id, client_id, assignment_id
                                              FROM bench_guidance WHERE org = '$1' ORDER BY k" |
    while read -r guide client assignment; do
      echo "$("$BUILD/tools/rinnalla" token --key "$keys/private.pem" --org "$1" --role guide \
              --sub "organizations/$1/guides/$guide")" \
           "organizations/$1/clients/$client organizations/$1/assignments/$assignment"
    done
}

# The CPU time the server (bench_serve's) has used so far, user and system, in clock ticks
# (getconf CLK_TCK a second).
bench_server_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
