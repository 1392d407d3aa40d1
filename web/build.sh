#!/usr/bin/env bash
# Builds the web app into $1 (default web/dist): installs the locked npm packages when
# package-lock.json changed since the last install, generates the API client from the protos,
# type-checks, bundles with Vite and prints the first load's size against its budget.
set -euo pipefail
web=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$web/dist}" && cd "${1:-$web/dist}" && pwd)
cd "$web"

# Node.js 18.19 or later: Debian 12's own 18.20 and any newer. 18.19 is the first 18 whose test
# runner takes --test-concurrency (the browser tests' ctest commands); the web tools are pinned to
# versions that run on 18 (web/README.md).
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 18 || (major === 18 && minor >= 19) ? 0 : 1)'; then
  echo "The web app needs Node.js 18.19 or later (found $(node --version))." >&2
  exit 1
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.rinnalla-lock 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >node_modules/.rinnalla-lock
fi
node scripts/generate.mjs
npx tsc --noEmit
RINNALLA_WEB_OUT=$out npx vite build --logLevel warn
node scripts/budget.mjs "$out"
