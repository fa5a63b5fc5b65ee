#!/usr/bin/env bash
# `npm run docs`: generates the API reference of the package (its entry point sdk/index.ts) from TSDoc
# into docs/api/ (gitignored) with typedoc. The build fails, writing nothing, when an export or any of
# its members lacks documentation, a {@link} does not resolve, or an exported signature mentions a type
# the reference cannot show: typedoc's validation warnings are errors here (see typedoc.json).
# TYPEDOC may name another typedoc binary; the default is the pinned devDependency.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
typedoc="${TYPEDOC:-node_modules/.bin/typedoc}"
if ! command -v "$typedoc" >/dev/null; then
  echo "docs: $typedoc not found; typedoc is a devDependency of pulumi-wpengine (run npm install)" >&2
  exit 1
fi
"$typedoc" --options typedoc.json "$@"
echo "docs: API reference written (typedoc.json \"out\": docs/api/index.html unless --out was given)"
