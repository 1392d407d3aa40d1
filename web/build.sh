#!/usr/bin/env bash
# Builds the web app into $1 (default web/dist): installs the locked npm packages when
# package-lock.json changed since the last install, generates the API client from the protos,
# type-checks, bundles with Vite and prints the first load's size against its budget.
set -euo pipefail
web=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$web/dist}" && cd "${1:-$web/dist}" && pwd)
cd "$web"

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "The web app needs Node.js 20.19 or later (found $(node --version))." >&2
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
