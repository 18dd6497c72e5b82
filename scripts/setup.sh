#!/usr/bin/env bash
# Shared by run.sh and test.sh: make a fresh Debian 12 machine ready, build repman, bring the lab up.
# Sourced, not run: defines repman_setup.
set -Eeuo pipefail

REPMAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPMAN_ROOT

repman_setup() {
  local configuration="${1:-Release}"
  command -v dotnet >/dev/null || {
    printf 'setup: the .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download) and run again\n' >&2
    exit 1
  }
  printf 'setup: lab packages and hosts\n' >&2
  "$REPMAN_ROOT/lab/lab.sh" up >&2
  printf 'setup: dotnet build (%s)\n' "$configuration" >&2
  dotnet build "$REPMAN_ROOT/ReplicationManager.slnx" -c "$configuration" -v quiet -nologo >&2
}
