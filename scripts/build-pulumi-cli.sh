#!/usr/bin/env bash
# Builds the Pulumi CLI (and its Node.js language host) from the Go module proxy, for machines that
# cannot reach get.pulumi.com. Usage: build-pulumi-cli.sh VERSION OUTDIR   (VERSION like 3.276.0)
#
# Why a throwaway module: `go install mod@version` refuses pulumi's main packages because their
# go.mod files carry `replace` lines. Requiring pkg/v3 and sdk/v3 at one version and repeating their
# non-local replaces reproduces the release build.
set -euo pipefail
version="${1:?usage: build-pulumi-cli.sh VERSION OUTDIR}"
out="${2:?usage: build-pulumi-cli.sh VERSION OUTDIR}"
# The Node language host lost its place inside sdk/v3 after v3.68.0 and now lives in an untagged
# module the proxy will not resolve; v3.68.0 is the newest one the proxy serves. Its gRPC contract is
# the stable LanguageRuntime service, so a newer CLI drives it (see docs/toolchain.md).
langhost_version="${PULUMI_LANGHOST_VERSION:-3.68.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS="-mod=mod" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" CGO_ENABLED=0
mkdir -p "$out"

# Prints `go mod edit -replace` arguments for every non-local replace in the go.mod of $1@$2.
replaces_of() {
  local modfile
  modfile="$(go mod download -json "$1@$2" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')"
  go mod edit -json "$modfile" |
    node -e 'const m=JSON.parse(require("fs").readFileSync(0,"utf8"));for(const r of m.Replace||[]){if(r.New.Version)console.log(`-replace=${r.Old.Path}${r.Old.Version?"@"+r.Old.Version:""}=${r.New.Path}@${r.New.Version}`)}'
}

build() { # build MODULE_DIR MAINPKG BINARY LDFLAG_VERSION_PKG
  (cd "$1" && go build -trimpath -ldflags "-s -w -X $4.Version=v$version" -o "$out/$3" "$2")
}

echo "building pulumi v$version (this takes a while on a cold Go cache)" >&2
mkdir -p "$work/cli" && cd "$work/cli"
go mod init pulumi-cli-build >/dev/null 2>&1
go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$version" -require="github.com/pulumi/pulumi/sdk/v3@v$version"
# shellcheck disable=SC2046
go mod edit $(replaces_of github.com/pulumi/pulumi/pkg/v3 "v$version") $(replaces_of github.com/pulumi/pulumi/sdk/v3 "v$version")
printf 'package tools\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
go mod tidy >/dev/null 2>&1 || go mod download all
build "$work/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi pulumi github.com/pulumi/pulumi/sdk/v3/go/common/version

echo "building pulumi-language-nodejs (sdk v$langhost_version)" >&2
mkdir -p "$work/lh" && cd "$work/lh"
go mod init pulumi-langhost-build >/dev/null 2>&1
go mod edit -require="github.com/pulumi/pulumi/sdk/v3@v$langhost_version"
# shellcheck disable=SC2046
go mod edit $(replaces_of github.com/pulumi/pulumi/sdk/v3 "v$langhost_version")
printf 'package tools\nimport _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"\n' > tools.go
go mod tidy >/dev/null 2>&1 || go mod download all
build "$work/lh" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs pulumi-language-nodejs github.com/pulumi/pulumi/sdk/v3/go/common/version
"$out/pulumi" version
