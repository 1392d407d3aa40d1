#!/usr/bin/env bash
# tools/lint/install.sh DIR: installs the pinned lint tools (package-lock.json) into DIR with
# `npm ci`, once per lock file: a second run with the same lock does nothing, so the lint tests
# then run offline.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$1
mkdir -p "$dir"
stamp="$dir/node_modules/.rinnalla-lock"
if [ -f "$stamp" ] && cmp -s "$stamp" "$here/package-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$here/package-lock.json" "$stamp"
