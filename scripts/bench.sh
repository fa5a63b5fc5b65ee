#!/usr/bin/env bash
# `npm run bench`: builds pulumi-wpengine and the benchmark, then runs it (bench/main.ts) through the
# real Pulumi CLI against the emulator. Arguments go to the benchmark, e.g.
#   npm run bench -- --quick --out /tmp/b.json
#   npm run bench -- --sizes 10,50,200 --latency 50 --concurrency 8 --parallel 8
# A full run takes under 15 minutes on a 2-core machine, --quick under 3. See docs/benchmarks.md.
# `npm run bench:profile -- --n 200 --steps preview,create` (first argument --profile) CPU-profiles the
# program and provider processes of ours and of the floor instead (bench/profile.ts).
# `npm run bench:heap -- --n 1000 --steps create,refresh` (first argument --heap) shows what holds the
# provider's memory at agency scale (bench/heap.ts).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
env_lines="$(bash scripts/dev-env.sh)"
eval "$env_lines"
bash scripts/ensure-deps.sh
echo "node $(node --version), pulumi $(pulumi version)" >&2
# The package (what the benchmark packs and installs, as a user would) and the benchmark itself.
# Emitting over dist/ in place, never removing it: other runs may be reading it.
npx tsc -p tsconfig.build.json
npx tsc -p bench/tsconfig.json
if [ "${1:-}" = "--profile" ]; then
  shift
  exec node dist/bench/profile.js "$@"
fi
if [ "${1:-}" = "--heap" ]; then
  shift
  exec node dist/bench/heap.js "$@"
fi
exec node dist/bench/main.js "$@"
