#!/usr/bin/env bash
# Builds the container image from deploy/Containerfile and checks what it promises; fails when a
# check fails. Run as root against a throwaway PostgreSQL on this machine:
#   pg_virtualenv -t -- deploy/image.sh
# The base image (debian:bookworm-slim, for every stage) is made with mmdebstrap and imported
# when podman has none (no registry needed); the builder
# reuses this machine's ccache. Checks: a non-root user, run with --read-only (a tmpfs only at
# /tmp, as deploy/k8s gives one); no -dev package or build tool in the image and every library
# of the server and the CLI found (ldd); the image's size; `rinnalla migrate` as its own step;
# the server answering health, a gRPC call against PostgreSQL, REST, GET /metrics and the web
# app over the host network; a clean exit on SIGTERM.
#   RINNALLA_IMAGE (rinnalla:0.1.0)  the tag built     RINNALLA_CCACHE_DIR (~/.cache/ccache)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=packages.sh
source "$root/deploy/packages.sh"
rinnalla_install_packages "${RINNALLA_IMAGE_PACKAGES[@]}"

tag=${RINNALLA_IMAGE:-rinnalla:0.1.0}
ccache_dir=${RINNALLA_CCACHE_DIR:-$HOME/.cache/ccache}
work=$(mktemp -d)
container=rinnalla-image-check-$$
db=rinnalla_image_check_$$
cleanup() {
  podman rm -f "$container" >/dev/null 2>&1 || true
  if [ -n "${PGPORT:-}" ]; then dropdb --if-exists "$db" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
step() { echo "== $*"; }

# --- base images
ensure_base() {
  local name=$1 suite=$2
  podman image exists "$name" && return 0
  step "making $name with mmdebstrap ($suite, minbase, without docs, man pages and locales)"
  # merged /usr by mmdebstrap's hook, not by the usrmerge package (which brings perl along).
  nice mmdebstrap --variant=minbase --quiet --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' "$suite" "$work/$suite.tar" http://deb.debian.org/debian
  podman import --change 'CMD ["bash"]' "$work/$suite.tar" "$name" >/dev/null
  rm -f "$work/$suite.tar"
}
ensure_base docker.io/library/debian:bookworm-slim bookworm

# --- build (chroot isolation: RUN steps need no OCI runtime or cgroups)
step "building $tag"
mkdir -p "$ccache_dir"
build=(--isolation chroot -v "$ccache_dir:/ccache")
# npm trusts the CAs this host trusts (a proxy inspecting TLS has its own).
host_ca=/etc/ssl/certs/ca-certificates.crt
[ -s "$host_ca" ] && build+=(-v "$host_ca:/run/host-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/host-ca.crt)
start=$(date +%s)
nice podman build "${build[@]}" -f "$root/deploy/Containerfile" -t "$tag" "$root"
echo "built in $(($(date +%s) - start)) s"

# --- how containers run here: the defaults, or runc with limits this host lets a container set
# (a host with hybrid cgroups, or without CAP_SYS_RESOURCE, refuses crun's and podman's defaults).
run=(podman run --rm)
if ! podman run --rm --entrypoint /bin/true "$tag" 2>/dev/null; then
  run+=(--runtime runc --ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
  "${run[@]}" --entrypoint /bin/true "$tag" || fail "no container runtime works here"
  echo "running containers with: ${run[*]:3}"
fi
# The image as deploy/k8s runs it: read-only root, a tmpfs only at /tmp, no capabilities.
strict=(--read-only --tmpfs /tmp:size=16m --cap-drop=ALL --security-opt=no-new-privileges)
in_image() { "${run[@]}" "${strict[@]}" --entrypoint "$1" "$tag" "${@:2}"; }

step "user"
user=$(podman image inspect --format '{{.Config.User}}' "$tag")
echo "image user: $user"
[ "$user" = "10001:10001" ] || fail "the image's user is '$user', not 10001:10001"
id=$(in_image /usr/bin/id)
echo "$id"
[[ "$id" == uid=10001* ]] || fail "the container runs as $id"

step "runtime libraries only"
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
packages=$(in_image /usr/bin/dpkg-query -W -f '${Package}\n')
echo "$(wc -l <<<"$packages") packages installed"
build_tools=$(grep -E -- '-dev$|^(gcc|g\+\+|cpp|cmake|make|binutils|nodejs|npm|protobuf-compiler)(-[0-9]+)?$' \
  <<<"$packages" || true)
[ -z "$build_tools" ] || fail "build packages in the image: $(tr '\n' ' ' <<<"$build_tools")"
for bin in rinnalla-server rinnalla; do
  libs=$(in_image /usr/bin/ldd "/usr/local/bin/$bin")
  echo "ldd $bin: $(wc -l <<<"$libs") libraries"
  ! grep -q 'not found' <<<"$libs" || fail "$bin misses libraries: $(grep 'not found' <<<"$libs")"
done
echo "the server's libraries: $(in_image /usr/bin/ldd /usr/local/bin/rinnalla-server |
  awk '{print $1}' | sort | tr '\n' ' ')"

step "size"
size=$(podman image inspect --format '{{.Size}}' "$tag")
echo "image size: $((size / 1000 / 1000)) MB ($size bytes)"

# --- against PostgreSQL on this machine (pg_virtualenv sets PGHOST, PGPORT, PGUSER, PGPASSWORD)
[ -n "${PGPORT:-}" ] || fail "no PostgreSQL: run as 'pg_virtualenv -t -- deploy/image.sh'"
pg_host=${PGHOST:-localhost}
[ "$pg_host" = localhost ] && pg_host=127.0.0.1
createdb "$db"
conninfo="host=$pg_host port=$PGPORT dbname=$db user=${PGUSER:-postgres} password=${PGPASSWORD:-}"
host_net=(--network host)

step "rinnalla migrate (its own step)"
"${run[@]}" "${strict[@]}" "${host_net[@]}" --entrypoint /usr/local/bin/rinnalla "$tag" \
  migrate --database "$conninfo" || fail "rinnalla migrate"

# Signing keys from the image's own CLI, written into a folder the container's user may write.
mkdir -p "$work/keys"
chmod 0777 "$work/keys"
"${run[@]}" "${strict[@]}" -v "$work/keys:/keys" --entrypoint /usr/local/bin/rinnalla "$tag" \
  keygen --out /keys >/dev/null
chmod 0755 "$work/keys"
[ -s "$work/keys/public.pem" ] || fail "rinnalla keygen wrote no key"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
grpc_port=$(free_port)
http_port=$(free_port)
step "server on 127.0.0.1:$grpc_port (gRPC) and 127.0.0.1:$http_port (HTTP)"
"${run[@]/--rm/-d}" --name "$container" "${strict[@]}" "${host_net[@]}" \
  -v "$work/keys:/etc/rinnalla/jwks:ro" "$tag" \
  --listen="127.0.0.1:$grpc_port" --allow-insecure --http-listen="127.0.0.1:$http_port" \
  --web-root=/usr/share/rinnalla/web --jwt-public-keys=/etc/rinnalla/jwks/public.pem \
  --database="$conninfo" >/dev/null

cli() { "${run[@]}" "${strict[@]}" "${host_net[@]}" -v "$work/keys:/keys:ro" \
  --entrypoint /usr/local/bin/rinnalla "$tag" "$@"; }
health=""
for _ in $(seq 1 60); do
  health=$(cli call --server "127.0.0.1:$grpc_port" grpc.health.v1.Health/Check '{}' 2>/dev/null) && break
  [ "$(podman inspect --format '{{.State.Running}}' "$container")" = true ] ||
    { podman logs "$container" | tail -20; fail "the server stopped"; }
  sleep 1
done
echo "health: $health"
grep -q SERVING <<<"$health" || { podman logs "$container" | tail -20; fail "health does not answer SERVING"; }

org=paijat-hame
token=$(cli token --key /keys/private.pem --org "$org" --role coordinator --sub "users/image-check")
guides=$(cli call --server "127.0.0.1:$grpc_port" --token "$token" Directory/ListGuides \
  "{\"parent\":\"organizations/$org\"}") || fail "Directory/ListGuides over gRPC"
echo "gRPC Directory/ListGuides: ${guides:-<empty answer>}"

metric() { curl -sS "http://127.0.0.1:$http_port/metrics" | grep -E "^$1\\{" | grep -E "$2" || true; }
handled=$(metric grpc_server_handled_total \
  'grpc_code="OK",grpc_method="ListGuides",grpc_service="rinnalla.v1.Directory",grpc_type="unary"')
echo "GET /metrics: $handled"
[[ "$handled" =~ \ 1$ ]] || fail "/metrics does not count the one ListGuides call"

rest=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$http_port/v1/organizations/$org/guides")
echo "REST GET /v1/organizations/$org/guides: $rest"
[ "$rest" = 200 ] || fail "REST answered $rest"

requests=$(metric http_server_requests_total 'code="200",route="[^"]*/guides"')
echo "GET /metrics: $requests"
[[ "$requests" =~ \ 1$ ]] || fail "/metrics does not count the one REST request"

page=$(curl -sS "http://127.0.0.1:$http_port/")
script=$(grep -oE 'src="/[^"]+\.js"' <<<"$page" | head -n 1 | cut -d'"' -f2)
[ -n "$script" ] || fail "GET / is not the web app"
js=$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$http_port$script")
echo "web app: GET / $(wc -c <<<"$page") bytes, GET $script: $js"
[[ "$js" == 200\ * ]] || fail "the web app's script is not served"

step "SIGTERM"
podman stop --time 30 "$container" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$container")
echo "exit code after SIGTERM: $code"
[ "$code" = 0 ] || { podman logs "$container" | tail -20; fail "the server exited with $code"; }

echo "image $tag: every check passed"
