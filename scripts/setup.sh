#!/usr/bin/env bash
# Shared by run.sh and test.sh: make a fresh Debian 12 machine ready, build repman, bring the lab up.
# Sourced, not run: defines repman_setup.
set -Eeuo pipefail

REPMAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPMAN_ROOT

# The web dashboard: npm packages from package-lock.json (installed again only when it changed), then a type check
# and a vite build into artifacts/dashboard, which the server project copies beside the executable.
build_dashboard() {
  local dir="$REPMAN_ROOT/src/ReplicationManager.Dashboard" major=0
  if command -v node >/dev/null; then major="$(node -p 'process.versions.node.split(".")[0]')"; fi
  if (( major < 20 )) && (( EUID == 0 )); then
    printf 'setup: Node.js 20 or later is missing; installing Debian nodejs and npm\n' >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    major="$(node -p 'process.versions.node.split(".")[0]')"
  fi
  (( major >= 20 )) || {
    printf 'setup: the dashboard needs Node.js 20 or later (found %s); install it (https://nodejs.org) and run again\n' "$(node -v 2>/dev/null || printf none)" >&2
    exit 1
  }
  printf 'setup: dashboard (npm ci when package-lock.json changed, tsc, vite build)\n' >&2
  if [[ ! "$dir/node_modules/.repman-installed" -nt "$dir/package-lock.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2 && touch node_modules/.repman-installed)
  fi
  (cd "$dir" && npm run --silent build >&2)
}

repman_setup() {
  local configuration="${1:-Release}"
  command -v dotnet >/dev/null || {
    printf 'setup: the .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download) and run again\n' >&2
    exit 1
  }
  printf 'setup: lab packages and hosts\n' >&2
  "$REPMAN_ROOT/lab/lab.sh" up >&2
  build_dashboard
  printf 'setup: dotnet build (%s)\n' "$configuration" >&2
  dotnet build "$REPMAN_ROOT/ReplicationManager.slnx" -c "$configuration" -v quiet -nologo >&2
}
