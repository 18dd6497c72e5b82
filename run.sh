#!/usr/bin/env bash
# Sets up this machine, brings the lab up and runs replication-manager against it (Ctrl-C stops it).
# Extra arguments go to replication-manager, e.g. ./run.sh --log-level debug
set -Eeuo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"

# Where to point a browser, and the lab's login (its api-credentials), before repman's own log takes over the terminal.
print_dashboard() {
  local credentials port
  credentials="$(sed -n 's/^api-credentials *= *"\([^,"]*\).*/\1/p' etc/lab.toml)"
  port="$(sed -n 's/^api-port *= *"\{0,1\}\([0-9]*\).*/\1/p' etc/lab.toml)"
  printf 'repman: dashboard on https://127.0.0.1:%s/ (self-signed certificate); log in as %s with password %s\n' \
    "${port:-10005}" "${credentials%%:*}" "${credentials#*:}" >&2
  printf 'repman: command line: dotnet artifacts/bin/ReplicationManager.Cli/release/replication-manager-cli.dll --insecure --password %s status\n' \
    "${credentials#*:}" >&2
}

main() {
  repman_setup Release
  cd "$REPMAN_ROOT"
  print_dashboard
  exec dotnet "artifacts/bin/ReplicationManager.Server/release/replication-manager.dll" --config etc/lab.toml "$@"
}

main "$@"
