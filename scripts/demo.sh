#!/usr/bin/env bash
# `npm run demo`: the main job, end to end. Starts the WP Engine API emulator (unless WPENGINE_API_*
# point at the real API), runs `pulumi up` of the root program (team.yaml), simulates a change made in
# the WP Engine portal, shows `pulumi preview --refresh` catching it, reconciles with `pulumi up`, then
# destroys everything and stops the emulator.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Preparing the toolchain (Node >= 22 and the Pulumi CLI, built offline if needed)"
# Assigned first so that a failure (no Pulumi CLI can be had) stops the script instead of being
# swallowed by the command substitution.
env_lines="$(bash scripts/dev-env.sh)"
eval "$env_lines"
bash scripts/ensure-deps.sh
echo "pulumi $(pulumi version), node $(node --version)"

step "Building and packing pulumi-wpengine, installing it into the root program (program/)"
bash scripts/pack.sh >/dev/null
(cd program && npm install --no-audit --no-fund --loglevel=error --no-package-lock >/dev/null)

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

real=false
if [ -n "${WPENGINE_API_USER_ID:-}" ] && [ -n "${WPENGINE_API_PASSWORD:-}" ]; then
  real=true
  api_url="${WPENGINE_API_URL:-https://api.wpengineapi.com/v1}"
  step "WPENGINE_API_* are set: this demo will CHANGE THE REAL ACCOUNT at $api_url (team.yaml's account). Ctrl-C within 10 s to stop."
  sleep 10
  api_user="$WPENGINE_API_USER_ID"
  api_password="$WPENGINE_API_PASSWORD"
else
  step "Starting the WP Engine API emulator on 127.0.0.1 (a free port)"
  node dist/emulator/cli.js --port 0 >"$work/emulator.out" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  api_url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/emulator.out" | head -n 1)"
  [ -n "$api_url" ] || { cat "$work/emulator.out"; echo "the emulator did not start" >&2; exit 1; }
  api_user="$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8");const m=l.match(/API user id: (\S+)/);console.log(m?m[1]:"")' "$work/emulator.out")"
  api_password="$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8");const m=l.match(/password: (\S+)/);console.log(m?m[1]:"")' "$work/emulator.out")"
  echo "emulator: $api_url"
fi

export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-demo-only}"
mkdir -p "$work/state"
stack=demo
pulumi stack init "$stack" --non-interactive >/dev/null
pulumi config set wpengine:apiUrl "$api_url" --stack "$stack"
pulumi config set wpengine:apiUserId "$api_user" --stack "$stack"
printf '%s' "$api_password" | pulumi config set --secret wpengine:apiPassword --stack "$stack"
pulumi config set deployId "demo-$(date +%Y%m%d%H%M%S)" --stack "$stack"

step "pulumi up: invite the team from team.yaml and take a pre-deploy backup of torquemag"
pulumi up --yes --non-interactive --skip-preview --stack "$stack"

step "Stack outputs (members by role, pending invites, users without MFA, backups)"
pulumi stack output --stack "$stack" --json

if [ "$real" = false ]; then
  step "Simulating a change made in the WP Engine portal: dev.one@example.com is demoted to partial"
  node scripts/portal.js "$api_url" "$api_user" "$api_password" set-role dev.one@example.com partial '294deacc-d8b8-4005-82c4-0727ba8ddde0'

  step "pulumi preview --refresh --expect-no-changes: the drift is caught (this step is expected to fail)"
  if pulumi preview --refresh --expect-no-changes --non-interactive --diff --stack "$stack"; then
    echo "ERROR: the drift was not detected" >&2
    exit 1
  fi
  echo "drift detected, as expected"

  step "pulumi up --refresh: put the declared role back"
  pulumi up --refresh --yes --non-interactive --skip-preview --stack "$stack"

  step "pulumi preview --expect-no-changes: the account matches team.yaml again"
  pulumi preview --refresh --expect-no-changes --non-interactive --stack "$stack"
fi

step "pulumi destroy: remove the team (backups stay with WP Engine, as the API cannot delete them)"
pulumi destroy --yes --non-interactive --skip-preview --stack "$stack"
pulumi stack rm --yes --stack "$stack" >/dev/null

step "Demo finished: everything was created, drift was caught and reconciled, and all was cleaned up"
