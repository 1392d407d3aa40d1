#!/usr/bin/env bash
# Runs every test of Rinnalla on a fresh Debian 12 machine: installs what is missing, builds,
# starts a throwaway PostgreSQL (pg_virtualenv) and runs ctest with all labels (unit, db, e2e).
# Exits non-zero on any failure. Usage: tests/run.sh [extra ctest arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../deploy/packages.sh
source "$root/deploy/packages.sh"

rinnalla_install_packages
build_dir=${RINNALLA_BUILD_DIR:-$root/build}
rinnalla_build "$build_dir"

# pg_virtualenv creates a cluster, exports PGHOST/PGPORT/PGUSER/PGPASSWORD and removes it after.
# The tests create their own databases in it; a missing database is a failure, never a skip.
# -t keeps the cluster in a temporary folder even as root, so runs side by side do not collide
# on the one system-wide "regress" cluster.
cd "$build_dir"
pg_virtualenv -t -- ctest --output-on-failure --no-tests=error -j"$(nproc)" "$@"
