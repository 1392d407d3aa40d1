#!/usr/bin/env bash
# tools/lint/lint.sh DIR protos|openapi [FILE]: runs one lint with the tools install.sh put into
# DIR, offline (no telemetry, no update check).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="$1/node_modules/.bin"
case $2 in
  protos) exec "$bin/buf" lint "$here/../../protos" ;;
  openapi)
    export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
    exec "$bin/redocly" lint --config "$here/redocly.yaml" "$3" ;;
  *) echo "usage: lint.sh DIR protos|openapi [FILE]" >&2; exit 2 ;;
esac
