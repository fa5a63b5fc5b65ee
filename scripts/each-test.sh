#!/usr/bin/env bash
# Runs every test of one built spec file alone, each in its own mocha process with `--grep` of its full
# title, and prints PASS/FAIL per test: proof that no test depends on what an earlier one left.
# Usage: scripts/each-test.sh dist/tests/e2e/requestCounts.spec.js [more spec files...]
# Build first (npx tsc -p tsconfig.json). Output of each run goes to $EACH_TEST_LOGS (default: a temp
# directory, printed at the end). $EACH_TEST_ONLY (an extended regular expression) keeps only the titles
# it matches, to spend a busy machine on a subset. Exits 1 when any test failed alone.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
[ $# -gt 0 ] || { echo "usage: $0 dist/tests/.../x.spec.js..." >&2; exit 2; }
logs="${EACH_TEST_LOGS:-$(mktemp -d)}"
mkdir -p "$logs"
status=0
passed=0
failed=0
for spec in "$@"; do
  # The full titles, from a dry run (no hooks, no tests executed).
  titles="$(npx mocha --dry-run --reporter json "$spec" 2>/dev/null |
    node -e 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{for(const x of JSON.parse(t).tests)console.log(x.fullTitle)})')"
  [ -n "$titles" ] || { echo "FAIL (no tests found) $spec"; status=1; continue; }
  if [ -n "${EACH_TEST_ONLY:-}" ]; then titles="$(grep -E -- "$EACH_TEST_ONLY" <<<"$titles" || true)"; fi
  n=0
  while IFS= read -r title; do
    n=$((n + 1))
    # Anchored, with every regular-expression character escaped: exactly this test.
    pattern="^$(printf '%s' "$title" | sed -e 's/[][\\.^$*+?(){}|/]/\\&/g')\$"
    log="$logs/$(basename "$spec" .js)-$n.log"
    started=$SECONDS
    if npx mocha --timeout 900000 --forbid-only "$spec" --grep "$pattern" >"$log" 2>&1 &&
      grep -q "1 passing" "$log" && ! grep -q "failing" "$log"; then
      echo "PASS ($((SECONDS - started)) s) $title"
      passed=$((passed + 1))
    else
      echo "FAIL ($((SECONDS - started)) s) $title   [log: $log]"
      failed=$((failed + 1))
      status=1
    fi
  done <<<"$titles"
done
echo "each test alone: $passed passed, $failed failed (logs in $logs)"
exit "$status"
