#!/usr/bin/env bash
# Builds the package and packs it to .build/pulumi-wpengine.tgz, the file programs install it from
# (a copy in node_modules, as users get it from the registry; never a symlink).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf dist && npx tsc -p tsconfig.build.json
mkdir -p .build
name="$(npm pack --silent --pack-destination .build | tail -n 1)"
mv ".build/$name" .build/pulumi-wpengine.tgz
echo ".build/pulumi-wpengine.tgz"
