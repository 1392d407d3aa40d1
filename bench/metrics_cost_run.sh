#!/usr/bin/env bash
# The part of bench/metrics_cost.sh that runs inside its throwaway PostgreSQL (pg_virtualenv).
set -euo pipefail
source "$BENCH_LIB"
rinnalla="$BUILD/tools/rinnalla"
createdb rinnalla_bench
conn="dbname=rinnalla_bench"
"$rinnalla" migrate --database "$conn" >/dev/null
keys=$(mktemp -d)
"$rinnalla" keygen --out "$keys" >/dev/null
work=$(mktemp -d)
psql -X -q -d rinnalla_bench <<SQL
CREATE TABLE bench_guidance AS
  SELECT k, gen_random_uuid() AS guide_id, gen_random_uuid() AS client_id,
         gen_random_uuid() AS referral_id, gen_random_uuid() AS assignment_id
  FROM generate_series(0, $CALLERS - 1) AS k;
INSERT INTO guides (org_id, id, display_name, languages, max_active_clients, state, active_client_count)
  SELECT 'bench', guide_id, 'Ohjaaja ' || k, '{fi}', 5, 'ACTIVE', 1 FROM bench_guidance;
INSERT INTO clients (org_id, id, display_name, state)
  SELECT 'bench', client_id, 'Asiakas ' || k, 'ACTIVE' FROM bench_guidance;
INSERT INTO referrals (org_id, id, client_id, needs, languages, municipality, state, created_by)
  SELECT 'bench', referral_id, client_id, '{DEBT}', '{fi}', '398', 'MATCHED', 'bench' FROM bench_guidance;
INSERT INTO assignments (org_id, id, client_id, guide_id, referral_id, state, start_time)
  SELECT 'bench', assignment_id, client_id, guide_id, referral_id, 'ACTIVE', now() - interval '60 days'
  FROM bench_guidance;
SQL
psql -X -q -tA -F " " -d rinnalla_bench -c "SELECT guide_id, client_id, assignment_id FROM bench_guidance ORDER BY k" |
  while read -r guide client assignment; do
    echo "$("$rinnalla" token --key "$keys/private.pem" --org bench --role guide \
            --sub "organizations/bench/guides/$guide")" \
         "organizations/bench/clients/$client organizations/bench/assignments/$assignment"
  done >"$work/plan"

server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT
round() {  # LABEL FLAG...: one round against a fresh server started with FLAGS
  local label=$1 log scraper=""
  shift
  log=$(mktemp)
  "$BUILD/services/rinnalla-server" --listen 127.0.0.1:0 --database "$conn" --pool-size "$POOL" \
      --jwt-public-keys "$keys/public.pem" --metrics-listen 127.0.0.1:0 "$@" >"$log" &
  server=$!
  until grep -q '"event":"serving"' "$log"; do sleep 0.1; done
  local port metrics_port
  port=$(grep -o '"port":[0-9]*' "$log" | head -1 | cut -d: -f2)
  metrics_port=$(grep -o '"metrics_port":[0-9]*' "$log" | head -1 | cut -d: -f2)
  if [ "$label" = on ]; then  # scraped as Prometheus does, once a second
    (while sleep 1; do curl -fsS "http://127.0.0.1:$metrics_port/metrics" >/dev/null || true; done) &
    scraper=$!
  fi
  "$BUILD/bench/rinnalla-load" --server "127.0.0.1:$port" --method LogVisit --plan "$work/plan" \
      --callers "$CALLERS" --duration "${ROUND_SECONDS}s" >"$work/load.out"
  [ -n "$scraper" ] && kill "$scraper"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
  grep -o "calls=[0-9]*" "$work/load.out" | cut -d= -f2 >>"$work/$label.calls"
  grep -o "seconds=[0-9.]*" "$work/load.out" | cut -d= -f2 >>"$work/$label.seconds"
  echo "  metrics $label: $(cat "$work/load.out")"
}
rate() { paste -d' ' "$work/$1.calls" "$work/$1.seconds" | awk '{c += $1; s += $2} END {printf "%.1f", c / s}'; }
for r in $(seq "$ROUNDS"); do
  echo "== round $r: $CALLERS callers, ${ROUND_SECONDS}s each, pool $POOL"
  round off --metrics=false
  round on
done
on=$(rate on)
off=$(rate off)
echo "== Results"
echo "LogVisit with metrics on: $on visits/s; off: $off visits/s;" \
     "ratio on/off: $(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.3f", a / b}') (target >= 0.97)"
