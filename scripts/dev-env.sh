#!/usr/bin/env bash
# Prints `export` lines that give this shell everything pulumi-wpengine needs, offline:
#   eval "$(scripts/dev-env.sh)"
# - Node >= 22 (the npm package node-linux-<arch>@24 when the system Node is older),
# - pulumi-language-yaml (for YAML programs and the provider plugin), built from the Go module proxy,
# - pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs on PATH: a compatible pulumi
#   already on PATH (same major as the locked @pulumi/pulumi, not older; see below), else one built
#   from the Go module proxy and cached per version (PULUMI_WPENGINE_BUILD_CLI=never: fail instead),
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
# The version of @pulumi/pulumi the project locks: the SDK side of the engine protocol.
want="$(node -e '
  const fs=require("fs"),p=process.argv[1];
  try{const l=JSON.parse(fs.readFileSync(p+"/package-lock.json","utf8"));const v=l.packages?.["node_modules/@pulumi/pulumi"]?.version;if(v){console.log(v);process.exit(0)}}catch{}
  const j=JSON.parse(fs.readFileSync(p+"/package.json","utf8"));
  console.log((j.devDependencies?.["@pulumi/pulumi"]??j.dependencies?.["@pulumi/pulumi"]??j.peerDependencies["@pulumi/pulumi"]).replace(/^[^0-9]*/,""))' "$repo")"

# A pulumi already on PATH is compatible when it has the SDK's major version and is not older than the
# SDK: the CLI serves the engine's gRPC services (resource monitor, engine, language runtime) that
# @pulumi/pulumi calls, and a newer CLI of the same major keeps serving older SDKs, while an older CLI
# may lack what a newer SDK asks for. It also needs the Node.js language host, beside it (as every
# official install ships it) or on PATH. Prints each reason why not, one a line; nothing when compatible.
incompatible() { # incompatible HAVE WANT DIR
  node -e '
    const [have, want] = process.argv.slice(1, 3).map((v) => v.replace(/^v/, ""));
    const triple = (v) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
    const [h, w] = [triple(have), triple(want)];
    if (h.length !== 3) console.log(`its version "${have}" is not MAJOR.MINOR.PATCH`);
    else if (h[0] !== w[0]) console.log(`major version ${h[0]} is not the SDK major ${w[0]}`);
    else if (h[1] < w[1] || (h[1] === w[1] && h[2] < w[2])) console.log(`it is older than @pulumi/pulumi ${want}`);' "$1" "$2"
  if [ ! -x "$3/pulumi-language-nodejs" ] && ! command -v pulumi-language-nodejs >/dev/null; then
    echo "no pulumi-language-nodejs beside it or on PATH"
  fi
}

cli_dir=""
if command -v pulumi >/dev/null; then
  d="$(dirname "$(command -v pulumi)")"
  have="$(pulumi version 2>/dev/null | sed 's/^v//')" || have="unknown"
  why="$(incompatible "$have" "$want" "$d" | paste -sd ';' | sed 's/;/; /g')"
  if [ -z "$why" ]; then
    cli_dir="$d"
    say "using pulumi v$have at $d (compatible with @pulumi/pulumi $want)"
  else
    say "not using pulumi v$have at $d: $why"
  fi
fi
if [ -z "$cli_dir" ]; then
  cli_dir="$cache/pulumi-v$want"
  if [ ! -x "$cli_dir/pulumi" ] || [ ! -x "$cli_dir/pulumi-language-nodejs" ]; then
    if [ "${PULUMI_WPENGINE_BUILD_CLI:-}" = never ]; then
      say "ERROR: no compatible pulumi on PATH (3.x, >= $want, with pulumi-language-nodejs) and PULUMI_WPENGINE_BUILD_CLI=never forbids building one"
      exit 1
    fi
    say "no compatible pulumi on PATH; building v$want from the Go module proxy into $cli_dir (cold: ~10-20 min)"
    if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
    command -v go >/dev/null || {
      say "ERROR: no compatible Pulumi CLI on PATH and no Go toolchain to build one offline (install Go, or put pulumi >= v$want with pulumi-language-nodejs on PATH)"
      exit 1
    }
    (
      flock 9
      [ -x "$cli_dir/pulumi-language-nodejs" ] || bash "$repo/scripts/build-pulumi-cli.sh" "$want" "$cli_dir.tmp" >&2
      if [ -d "$cli_dir.tmp" ]; then rm -rf "$cli_dir" && mv "$cli_dir.tmp" "$cli_dir"; fi
    ) 9>"$cache/pulumi-build.lock"
  fi
fi
# The dynamic-provider launcher is a tiny sh script shipped in the @pulumi/pulumi npm package (and in
# every official CLI install). When the CLI's directory lacks it, it goes into a directory of our cache
# on PATH (the engine also finds plugins on PATH), never into a CLI directory we did not build.
launcher_dir="$cli_dir"
if [ ! -x "$cli_dir/pulumi-resource-pulumi-nodejs" ]; then
  [ "$cli_dir" = "$cache/pulumi-v$want" ] || launcher_dir="$cache/launcher-v$want"
  mkdir -p "$launcher_dir"
  launcher="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$launcher" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "@pulumi/pulumi@$want" >/dev/null 2>&1 && tar xzf ./*.tgz package/pulumi-resource-pulumi-nodejs)
    launcher="$tmp/package/pulumi-resource-pulumi-nodejs"
  fi
  install -m 0755 "$launcher" "$launcher_dir/pulumi-resource-pulumi-nodejs"
fi

# --- YAML language host ------------------------------------------------------------------------
# YAML programs (examples/yaml-team-access, the plugin's e2e) need pulumi-language-yaml, which no
# official install ships offline; built from the Go module proxy (~4 min cold) and cached per version.
yaml_version="v1.25.0"
yaml_dir="$cache/pulumi-language-yaml-$yaml_version"
if [ ! -x "$yaml_dir/pulumi-language-yaml" ] && ! command -v pulumi-language-yaml >/dev/null; then
  if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
  if [ "${PULUMI_WPENGINE_BUILD_CLI:-}" = never ] || ! command -v go >/dev/null; then
    # Only YAML programs need it: the TypeScript path works without, so this is not fatal.
    say "warning: no pulumi-language-yaml on PATH and none built (PULUMI_WPENGINE_BUILD_CLI=never, or no Go): YAML programs will not run"
  else
    say "building pulumi-language-yaml $yaml_version from the Go module proxy into $yaml_dir"
    (
      flock 9
      if [ ! -x "$yaml_dir/pulumi-language-yaml" ]; then
        GOBIN="$yaml_dir.tmp" GOFLAGS=-mod=mod go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_version" >&2
        rm -rf "$yaml_dir" && mv "$yaml_dir.tmp" "$yaml_dir"
      fi
    ) 9>"$cache/yaml-build.lock"
  fi
fi

state="${PULUMI_WPENGINE_STATE:-$repo/.pulumi-state}"
mkdir -p "$state"
path_dirs="$cli_dir"
[ "$launcher_dir" = "$cli_dir" ] || path_dirs="$path_dirs:$launcher_dir"
[ -x "$yaml_dir/pulumi-language-yaml" ] && path_dirs="$path_dirs:$yaml_dir"
cat <<OUT
export PATH="$path_dirs:$node_bin:\$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_BACKEND_URL="\${PULUMI_BACKEND_URL:-file://$state}"
export PULUMI_CONFIG_PASSPHRASE="\${PULUMI_CONFIG_PASSPHRASE-local-dev-only}"
export PULUMI_WPENGINE_CLI_DIR="$cli_dir"
OUT
