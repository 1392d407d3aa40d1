#!/usr/bin/env bash
# Renders each overlay (kubectl kustomize) and validates every object offline (validate/): the
# Kubernetes schemas, CloudNativePG's CRD, and the project's rules for workloads. The validator's
# packages are pinned by validate/package-lock.json and installed into WORK_DIR.
# Usage: deploy/k8s/validate.sh WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: validate.sh WORK_DIR}
mkdir -p "$work"
if ! cmp -s "$here/validate/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules" ]; then
  cp "$here/validate/package.json" "$here/validate/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/validate/validate.mjs" "$work/"
status=0
for overlay in small county; do
  kubectl kustomize "$here/overlays/$overlay" 2>"$work/$overlay.err" >"$work/$overlay.yaml" || {
    cat "$work/$overlay.err" >&2
    status=1
    continue
  }
  node "$work/validate.mjs" "$work/$overlay.yaml" "$here/schemas/postgresql.cnpg.io_clusters.yaml" || status=1
done
exit $status
