#!/usr/bin/env bash
# Prints `export` lines that give this shell everything pulumi-wpengine needs, offline:
#   eval "$(scripts/dev-env.sh)"
# - Node >= 22 (the npm package node-linux-<arch>@24 when the system Node is older),
# - pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs in one directory on PATH
#   (a suitable pulumi already on PATH, else built from the Go module proxy and cached per version),
# - the variables for an offline file backend.
# Progress goes to stderr; only export lines go to stdout.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_WPENGINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wpengine}"
mkdir -p "$cache"
say() { echo "dev-env: $*" >&2; }

# --- Node >= 22 -------------------------------------------------------------------------------
node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
node_bin=""
if command -v node >/dev/null && [ "$(node_major node)" -ge 22 ]; then
  node_bin="$(dirname "$(command -v node)")"
else
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  node_dir="$cache/node-24-$arch"
  if [ ! -x "$node_dir/node_modules/node-linux-$arch/bin/node" ]; then
    say "system Node is older than 22; installing node-linux-$arch@24 from the npm registry"
    mkdir -p "$node_dir"
    (cd "$node_dir" && npm install --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
      --prefix "$node_dir" "node-linux-$arch@24" >&2)
  fi
  node_bin="$node_dir/node_modules/node-linux-$arch/bin"
fi
export PATH="$node_bin:$PATH"

# --- Pulumi CLI ---------------------------------------------------------------------------------
# The CLI must match the @pulumi/pulumi the project locks, so both sides speak the same protocol.
want="$(node -e '
  const fs=require("fs"),p=process.argv[1];
  try{const l=JSON.parse(fs.readFileSync(p+"/package-lock.json","utf8"));const v=l.packages?.["node_modules/@pulumi/pulumi"]?.version;if(v){console.log(v);process.exit(0)}}catch{}
  console.log(JSON.parse(fs.readFileSync(p+"/package.json","utf8")).dependencies["@pulumi/pulumi"].replace(/^[^0-9]*/,""))' "$repo")"
cli_dir=""
if command -v pulumi >/dev/null; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  d="$(dirname "$(command -v pulumi)")"
  if [ "$have" = "$want" ] && [ -x "$d/pulumi-language-nodejs" ]; then cli_dir="$d"; fi
fi
if [ -z "$cli_dir" ]; then
  cli_dir="$cache/pulumi-v$want"
  if [ ! -x "$cli_dir/pulumi" ] || [ ! -x "$cli_dir/pulumi-language-nodejs" ]; then
    say "no pulumi v$want on PATH; building it from the Go module proxy into $cli_dir (cold: ~10-20 min)"
    if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
    command -v go >/dev/null || {
      say "ERROR: no Pulumi CLI v$want on PATH and no Go toolchain to build one offline (install Go, or put pulumi v$want with pulumi-language-nodejs on PATH)"
      exit 1
    }
    (
      flock 9
      [ -x "$cli_dir/pulumi-language-nodejs" ] || bash "$repo/scripts/build-pulumi-cli.sh" "$want" "$cli_dir.tmp" >&2
      if [ -d "$cli_dir.tmp" ]; then rm -rf "$cli_dir" && mv "$cli_dir.tmp" "$cli_dir"; fi
    ) 9>"$cache/pulumi-build.lock"
  fi
fi
# The dynamic-provider launcher is a tiny sh script shipped in the @pulumi/pulumi npm package; it must
# sit beside the CLI so the engine finds it without plugin acquisition.
if [ ! -x "$cli_dir/pulumi-resource-pulumi-nodejs" ]; then
  launcher="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$launcher" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "@pulumi/pulumi@$want" >/dev/null 2>&1 && tar xzf ./*.tgz package/pulumi-resource-pulumi-nodejs)
    launcher="$tmp/package/pulumi-resource-pulumi-nodejs"
  fi
  install -m 0755 "$launcher" "$cli_dir/pulumi-resource-pulumi-nodejs"
fi

state="${PULUMI_WPENGINE_STATE:-$repo/.pulumi-state}"
mkdir -p "$state"
cat <<OUT
export PATH="$cli_dir:$node_bin:\$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_BACKEND_URL="\${PULUMI_BACKEND_URL:-file://$state}"
export PULUMI_CONFIG_PASSPHRASE="\${PULUMI_CONFIG_PASSPHRASE-local-dev-only}"
export PULUMI_WPENGINE_CLI_DIR="$cli_dir"
OUT
