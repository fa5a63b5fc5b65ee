#!/usr/bin/env bash
# Installs node_modules with `npm ci` when they are missing or older than their package-lock.json:
# the package itself and the policy pack (its own project, run by `pulumi preview --policy-pack`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for dir in . policy; do
  stamp="$dir/node_modules/.pulumi-wpengine-lock-hash"
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "installing dependencies in $dir (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
