# Sourced by deploy/local/run.sh and tests/run.sh: installs the Debian 12 packages Rinnalla needs
# when any is missing (as root, or through sudo for a normal user).

RINNALLA_PACKAGES=(
  cmake g++ make pkg-config ccache
  protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev grpc-proto
  libabsl-dev libsoci-dev libboost-dev libpq-dev libssl-dev libspdlog-dev libjwt-dev libcjose-dev libjansson-dev
  nlohmann-json3-dev rapidjson-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libfuzzer-14-dev
  postgresql postgresql-contrib postgresql-client
  prometheus-cpp-dev
  nodejs nghttp2-client chromium
  etcd-server patroni curl
)
# npm and kubectl (for `kubectl kustomize`) from Debian (npm, kubernetes-client) unless the
# machine has them from elsewhere already (their Debian packages would conflict).
command -v npm >/dev/null 2>&1 || RINNALLA_PACKAGES+=(npm)
command -v kubectl >/dev/null 2>&1 || RINNALLA_PACKAGES+=(kubernetes-client)
# deploy/image.sh only (not CI): the container engine and what makes base images without a
# registry; runc where crun cannot run containers (hybrid cgroups).
RINNALLA_IMAGE_PACKAGES=(podman runc mmdebstrap curl python3 postgresql)

# Installs the packages named (default: RINNALLA_PACKAGES) that are missing.
rinnalla_install_packages() {
  local missing=() p wanted=("$@")
  [ "$#" -eq 0 ] && wanted=("${RINNALLA_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js from another source than Debian brings its own npm.
  command -v npm >/dev/null || missing+=(npm)
  [ "${#missing[@]}" -eq 0 ] && return 0
  local as_root=()
  [ "$(id -u)" -ne 0 ] && as_root=(sudo)
  echo "Installing: ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# Configures and builds into $1 (created if needed).
rinnalla_build() {
  local root build_dir=$1
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" -j"$(nproc)"
  bash "$root/web/build.sh" "$build_dir/web"
}
