#!/usr/bin/env bash
# Sets up this machine, brings the lab up and runs replication-manager against it (Ctrl-C stops it).
# Extra arguments go to replication-manager, e.g. ./run.sh --log-level debug
set -Eeuo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"

main() {
  repman_setup Release
  cd "$REPMAN_ROOT"
  exec dotnet "artifacts/bin/ReplicationManager.Server/release/replication-manager.dll" --config etc/lab.toml "$@"
}

main "$@"
