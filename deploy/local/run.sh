#!/usr/bin/env bash
# Runs Rinnalla on this machine: installs what is missing, builds, starts a PostgreSQL cluster
# under .local/ (no other server needed), applies migrations, makes a signing key and tokens for
# demo users, loads demo data, and serves on 127.0.0.1. Run again, it reuses the cluster and data.
# Ctrl-C stops the server (it drains) and the cluster.
#   RINNALLA_PORT (50051)  the server's port      RINNALLA_PG_PORT (55432)  PostgreSQL's port
#   RINNALLA_HTTP_PORT (8080)  the HTTP port (REST, Connect, the web app)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../packages.sh
source "$root/deploy/packages.sh"
rinnalla_install_packages
rinnalla_build "$root/build"

org=paijat-hame
data=$root/.local
cluster=$data/pg
socket=$data/pg-socket
pg_port=${RINNALLA_PG_PORT:-55432}
port=${RINNALLA_PORT:-50051}
http_port=${RINNALLA_HTTP_PORT:-8080}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
rinnalla=$root/build/tools/rinnalla

# PostgreSQL refuses to run as root: then the cluster belongs to the postgres user.
as_postgres=()
db_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  as_postgres=(runuser -u postgres --)
  db_user=postgres
fi
mkdir -p "$data" "$socket"
chmod 755 "$data"
if [ ! -f "$cluster/PG_VERSION" ]; then
  echo "Creating the local PostgreSQL cluster in $cluster"
  mkdir -p "$cluster"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$cluster" "$socket"
  chmod 700 "$cluster"
  "${as_postgres[@]}" "$bin/initdb" -D "$cluster" -U "$db_user" -A trust -E UTF8 --locale=C \
    >"$data/initdb.log"
fi
if ! "${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster" status >/dev/null 2>&1; then
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster" -l "$cluster/server.log" -w \
    -o "-k $socket -p $pg_port -c listen_addresses=''" start >/dev/null
fi
server_pid=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster" -m fast stop >/dev/null 2>&1 || true
  echo "Stopped the server and the local PostgreSQL."
}
trap stop INT TERM EXIT

psql=("$bin/psql" -h "$socket" -p "$pg_port" -U "$db_user" -X -tA)
if [ -z "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'rinnalla'")" ]; then
  "${psql[@]}" -d postgres -c "CREATE DATABASE rinnalla" >/dev/null
fi
database="host=$socket port=$pg_port dbname=rinnalla user=$db_user"
"$rinnalla" migrate --database "$database"
"$rinnalla" demo-data --database "$database" --org "$org"
# The server logs in as a member of the role the migrations grant, as in production: it may only
# add to the access log and cannot change the schema (docs/operations.md).
"${psql[@]}" -d postgres -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rinnalla_server') THEN CREATE ROLE rinnalla_server LOGIN IN ROLE rinnalla_service; END IF; END \$\$" >/dev/null
server_database="host=$socket port=$pg_port dbname=rinnalla user=rinnalla_server"

# A local signing key; the server trusts its public half.
keys=$data/keys
if [ ! -f "$keys/private.pem" ]; then
  mkdir -p "$keys"
  "$rinnalla" keygen --out "$keys" >/dev/null
fi

# The web app's development sign-in: the demo users, one of each role that uses the app.
guide="organizations/$org/guides/$("${psql[@]}" -d rinnalla -c \
  "SELECT id FROM guides WHERE org_id = '$org' AND state = 'ACTIVE' ORDER BY create_time LIMIT 1")"
guide_display_name=$("${psql[@]}" -d rinnalla -c "SELECT display_name FROM guides WHERE org_id = '$org' AND id = '${guide##*/}'")
cat >"$data/dev-sign-in.json" <<EOF_USERS
{"privateKey": "$keys/private.pem", "users": [
  {"sub": "$guide", "org": "$org", "role": "guide", "displayName": "$guide_display_name"},
  {"sub": "users/sosiaalityontekija", "org": "$org", "role": "social_worker", "displayName": "Sosiaalityöntekijä"},
  {"sub": "users/koordinaattori", "org": "$org", "role": "coordinator", "displayName": "Koordinaattori"},
  {"sub": "users/tietosuojavastaava", "org": "$org", "role": "auditor", "displayName": "Tietosuojavastaava"}]}
EOF_USERS

"$root/build/services/rinnalla-server" --listen "127.0.0.1:$port" --database "$server_database" \
  --jwt-public-keys "$keys/public.pem" --http-listen "127.0.0.1:$http_port" \
  --web-root "$root/build/web" --dev-sign-in "$data/dev-sign-in.json" &
server_pid=$!
export RINNALLA_SERVER=127.0.0.1:$port
for _ in $(seq 1 100); do
  "$rinnalla" call grpc.health.v1.Health/Check '{}' >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || exit 1
  sleep 0.1
done

# Tokens for one demo user of each role, valid 8 hours.
tokens=$data/tokens
mkdir -p "$tokens"
token() {  # role sub
  "$rinnalla" token --key "$keys/private.pem" --org "$org" --role "$1" --sub "$2" \
    >"$tokens/$1.jwt"
}
token coordinator users/koordinaattori
token social_worker users/sosiaalityontekija
token guide "$guide"
token integration systems/apotti
token auditor users/tietosuojavastaava

# Once: the demo guide guides one client, so the guide's token has someone to read.
if [ -z "$("${psql[@]}" -d rinnalla -c "SELECT 1 FROM assignments WHERE org_id = '$org' LIMIT 1")" ]; then
  client="organizations/$org/clients/$("${psql[@]}" -d rinnalla -c \
    "SELECT id FROM clients WHERE org_id = '$org' ORDER BY create_time LIMIT 1")"
  referral=$(RINNALLA_TOKEN=$(cat "$tokens/social_worker.jwt") "$rinnalla" call Matching/CreateReferral \
    "{\"parent\":\"organizations/$org\",\"referral\":{\"client\":\"$client\",\"needs\":[\"MENTAL_HEALTH\"],\"languages\":[\"fi\"],\"municipality\":\"398\"}}" \
    | grep -o "organizations/$org/referrals/[0-9a-f-]*" | head -n 1)
  assignment=$(RINNALLA_TOKEN=$(cat "$tokens/social_worker.jwt") "$rinnalla" call Matching/AssignGuide \
    "{\"referral\":\"$referral\",\"guide\":\"$guide\"}" \
    | grep -o "organizations/$org/assignments/[0-9a-f-]*" | head -n 1)
  # The joint goal-setting meeting, held yesterday with the three parties, and its two goals.
  yesterday=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:%SZ)
  meeting=$(RINNALLA_TOKEN=$(cat "$tokens/social_worker.jwt") "$rinnalla" call Meetings/CreateMeeting \
    "{\"parent\":\"$client\",\"meeting\":{\"assignment\":\"$assignment\",\"kind\":\"INITIAL\",\"scheduledTime\":\"$yesterday\",\"place\":\"Sosiaalitoimisto\"}}" \
    | grep -o "$client/meetings/[0-9a-f-]*" | head -n 1)
  levels='["Ei käy lainkaan","Käy kerran","Käy kahdesti kuukaudessa","Käy viikoittain","Ohjaa itse ryhmää"]'
  RINNALLA_TOKEN=$(cat "$tokens/social_worker.jwt") "$rinnalla" call Meetings/RecordMeetingOutcome \
    "{\"name\":\"$meeting\",\"heldTime\":\"$yesterday\",\"participants\":[{\"role\":\"CLIENT\",\"present\":true},{\"role\":\"SOCIAL_WORKER\",\"identity\":\"users/sosiaalityontekija\",\"present\":true},{\"role\":\"GUIDE\",\"identity\":\"$guide\",\"present\":true}],\"supportNeeds\":[{\"area\":\"MENTAL_HEALTH\",\"description\":\"Haluan päästä pois kotoa ihmisten pariin\"}],\"agreedGoals\":[{\"title\":\"Käyn vertaisryhmässä\",\"area\":\"MENTAL_HEALTH\",\"gasLevels\":$levels}],\"consent\":true}" >/dev/null
fi
client=$("${psql[@]}" -d rinnalla -c "SELECT 'organizations/$org/clients/' || client_id FROM assignments WHERE org_id = '$org' ORDER BY create_time LIMIT 1")

# The demo guide's client and assignment, for the Visits calls below.
read -r demo_client demo_assignment < <("${psql[@]}" -F " " -d rinnalla -c \
  "SELECT client_id, id FROM assignments WHERE org_id = '$org' AND guide_id = '${guide##*/}'
   AND state IN ('ACTIVE', 'PAUSED') LIMIT 1")

cat <<EOF_HELP

Rinnalla is serving on 127.0.0.1:$port (organization "$org", demo data loaded).
The web app: open http://127.0.0.1:$http_port/ and sign in as a demo user.
Tokens for demo users, valid 8 hours (also in $tokens/<role>.jwt):
EOF_HELP
for role in coordinator social_worker guide integration auditor; do
  printf '  %-14s %s\n' "$role" "$(cat "$tokens/$role.jwt")"
done
cat <<EOF_HELP

  export RINNALLA_SERVER=127.0.0.1:$port
  export RINNALLA_TOKEN=\$(cat $tokens/social_worker.jwt)
  $rinnalla call Directory/ListGuides '{"parent":"organizations/$org","filter":"state = ACTIVE AND language = \"fi\"","pageSize":3}'
  $rinnalla call Directory/ListClients '{"parent":"organizations/$org","filter":"external_ref = \"apotti/A100007\""}'
  $rinnalla call Directory/CreateClient '{"parent":"organizations/$org","client":{"displayName":"Uusi Asiakas","municipality":"398","externalRefs":[{"system":"apotti","id":"A999001"}]}}'
  $rinnalla call Matching/CreateReferral '{"parent":"organizations/$org","referral":{"externalRef":{"system":"apotti","id":"A100007"},"needs":["MENTAL_HEALTH","DEBT"],"languages":["fi"],"municipality":"398"}}'
  $rinnalla call Matching/SuggestGuides '{"referral":"<the referral name>","maxResults":3}'
  $rinnalla call Meetings/ListMeetings '{"parent":"$client"}'
  RINNALLA_TOKEN=\$(cat $tokens/guide.jwt) $rinnalla call Meetings/ListGoals '{"parent":"$client"}'
  RINNALLA_TOKEN=\$(cat $tokens/guide.jwt) $rinnalla call Notes/AddProgressNote '{"parent":"$client","note":{"text":"Kävimme yhdessä vertaisryhmässä."}}'
  $rinnalla call Notes/GetClientTimeline '{"client":"$client","pageSize":10}'
  $rinnalla call Notes/GetGoalAttainment '{"client":"$client"}'
  RINNALLA_TOKEN=\$(cat $tokens/guide.jwt) $rinnalla call Matching/ListAssignments '{"parent":"organizations/$org","filter":"guide = \"$guide\""}'
  RINNALLA_TOKEN=\$(cat $tokens/integration.jwt) $rinnalla call Integration/ImportClients '[{"parent":"organizations/$org","client":{"displayName":"Tuotu Asiakas","municipality":"398","externalRefs":[{"system":"apotti","id":"A999002"}]}}]'
  RINNALLA_TOKEN=\$(cat $tokens/integration.jwt) $rinnalla call Integration/WatchEvents '{"parent":"organizations/$org","kinds":["client","assignment","goal"]}'
  RINNALLA_TOKEN=\$(cat $tokens/integration.jwt) $rinnalla call Integration/ExportCarePlan '{"client":"$client"}'
  RINNALLA_TOKEN=\$(cat $tokens/guide.jwt) $rinnalla call Visits/LogVisit '{"parent":"organizations/$org/clients/$demo_client","visitId":"$(cat /proc/sys/kernel/random/uuid)","visit":{"assignment":"organizations/$org/assignments/$demo_assignment","startTime":"$(date -u +%Y-%m-%dT%H:%M:%SZ)","durationMinutes":60,"mode":"IN_PERSON","places":["PUBLIC_PLACE"],"summary":"Kahvilla kirjastossa."}}'
  RINNALLA_TOKEN=\$(cat $tokens/guide.jwt) $rinnalla call Visits/ListVisits '{"parent":"organizations/$org","filter":"guide = \"$guide\""}'
  $rinnalla call Visits/SummarizeVisits '{"parent":"organizations/$org","startTime":"$(date -u -d '30 days ago' +%Y-%m-%dT00:00:00Z)","endTime":"$(date -u -d tomorrow +%Y-%m-%dT00:00:00Z)"}'
  RINNALLA_TOKEN=\$(cat $tokens/auditor.jwt) $rinnalla call Audit/ListAccessLog '{"parent":"organizations/$org/clients/<id>"}'

Over HTTP on 127.0.0.1:$http_port (REST for record systems, Connect for the web app):
  curl -s -H "Authorization: Bearer \$(cat $tokens/social_worker.jwt)" 'http://127.0.0.1:$http_port/v1/organizations/$org/guides?pageSize=3&filter=state%20%3D%20ACTIVE'
  curl -s -H "Authorization: Bearer \$(cat $tokens/social_worker.jwt)" -H 'Content-Type: application/json' -d '{"name":"$client"}' http://127.0.0.1:$http_port/rinnalla.v1.Directory/GetClient
  curl -sN -H "Authorization: Bearer \$(cat $tokens/integration.jwt)" 'http://127.0.0.1:$http_port/v1/organizations/$org/events:watch'
  curl -s -H "Authorization: Bearer \$(cat $tokens/integration.jwt)" 'http://127.0.0.1:$http_port/v1/$client:exportCarePlan'

Health: $rinnalla call grpc.health.v1.Health/Check '{}'     Stop: Ctrl-C
Server log (JSON lines) follows.
EOF_HELP
wait "$server_pid"
