#!/usr/bin/env bash
# The one test command (`npm test`): installs what is missing, then lint, typecheck, API docs, build,
# the cross-check of the committed API contract, the check that docs/benchmarks.md is generated from
# its saved run, and every suite in its own mocha process, ending with
# one summary line `tests: N passed, M failed[, K suites crashed]` whose verdict the exit code repeats.
# A suite fails the run when a test fails or is skipped (--forbid-pending), uses .only (--forbid-only),
# runs no test, crashes at load or mid-run, or outlives $TEST_SUITE_TIME_LIMIT (timeout(1) duration,
# default 3h: a guard against a hung process, not a performance bound).
# Usage: scripts/test.sh [--no-setup] [SUITE ...]   (no SUITE: all of them)
#   SUITE is a name of the `case` below, or NAME=GLOB for an ad-hoc suite of spec files.
#   --no-setup skips set-up, lint, typecheck, docs, build and the contract check (dist/ must exist);
#   the runner's own tests (tests/support/testRunner.spec.ts) use it on fixture spec files.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
started=$SECONDS
setup=true
if [ "${1:-}" = "--no-setup" ]; then
  setup=false
  shift
fi

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(unit unit-minimal mocks e2e e2e-minimal chaos)

if $setup; then
  # Assigned first so that a failure (no Pulumi CLI can be had) stops the script instead of being
  # swallowed by the command substitution.
  env_lines="$(bash scripts/dev-env.sh)"
  eval "$env_lines"
  echo "node $(node --version) at $(command -v node)"
  echo "pulumi $(pulumi version) at $(command -v pulumi)"
  bash scripts/ensure-deps.sh

  echo "== lint (biome) =="
  npx biome check .
  echo "== typecheck (tsc --noEmit) =="
  npx tsc -p tsconfig.json --noEmit
  echo "== API reference (typedoc; fails on undocumented exports) =="
  bash scripts/docs.sh
  echo "== build =="
  rm -rf dist && npx tsc -p tsconfig.json
  echo "== API contract =="
  # One line: the committed contract matches the published swagger, or why the cross-check was not run.
  node scripts/derive-contract.js --check
  echo "== benchmarks doc =="
  # docs/benchmarks.md quotes only the saved run beside it (docs/benchmarks.json); a hand edit fails here.
  node dist/bench/doc.js --check
fi

summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
export TEST_SUMMARY_FILE="$summary"
limit="${TEST_SUITE_TIME_LIMIT:-3h}"
run_suite() { # run_suite NAME TIMEOUT_MS GLOB...
  local name="$1" timeout="$2" rc=0
  shift 2
  echo "== suite: $name =="
  # mocha's own binary (not npx) so that timeout's signal reaches the process that runs the tests.
  TEST_SUITE_NAME="$name" timeout --kill-after=30s "$limit" "$repo/node_modules/.bin/mocha" \
    --forbid-only --forbid-pending --timeout "$timeout" \
    --reporter "$repo/dist/tests/support/summary-reporter.js" "$@" || rc=$?
  printf '{"suite":"%s","exit":%d,"limit":"%s"}\n' "$name" "$rc" "$limit" >>"$summary"
}
for s in "${suites[@]}"; do
  case "$s" in
    unit) run_suite unit 60000 'dist/tests/{emulator,contract,client,provider,plugin,sdk,support,bench}/**/*.spec.js' ;;
    # The client and provider units again against the emulator's minimal profile (documented fields only).
    unit-minimal) WPENGINE_EMULATOR_PROFILE=minimal run_suite unit-minimal 60000 'dist/tests/{client,provider}/**/*.spec.js' ;;
    mocks) run_suite mocks 60000 'dist/tests/mocks/**/*.spec.js' ;;
    e2e) run_suite e2e 900000 'dist/tests/e2e/**/*.spec.js' ;;
    e2e-minimal) WPENGINE_EMULATOR_PROFILE=minimal run_suite e2e-minimal 900000 dist/tests/e2e/resources.scenario.spec.js \
      dist/tests/e2e/guarantees/estateSafety.spec.js dist/tests/e2e/guarantees/import.spec.js ;;
    chaos) run_suite chaos 900000 'dist/tests/chaos/**/*.spec.js' ;;
    *=*) run_suite "${s%%=*}" 60000 "${s#*=}" ;; # an ad-hoc suite: NAME=GLOB
    *) echo "unknown suite: $s" >&2; exit 2 ;;
  esac
done
node "$repo/dist/tests/support/summary.js" "$summary" "$((SECONDS - started))"
