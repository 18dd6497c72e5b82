#!/usr/bin/env bash
# Sets up this machine, brings the lab up and runs every test; the last line is "N passed, N failed, N skipped".
# Exit code: 0 when nothing failed, 1 otherwise.
set -Eeuo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/setup.sh"

readonly RESULTS="$REPMAN_ROOT/artifacts/test-results"
readonly TEST_PROJECTS=(
  tests/ReplicationManager.Core.Tests
  tests/ReplicationManager.Server.Tests
  tests/ReplicationManager.IntegrationTests
)
readonly SHELL_SCRIPTS=(run.sh test.sh scripts/setup.sh scripts/soak.sh lab/lab.sh .ci/run bench/run.sh bench/api.sh bench/physical-backup.sh bench/failover.sh bench/reseed.sh bench/graphite.sh bench/repman-config.sh
  share/dbjobs/dbjobs_new
  tests/ReplicationManager.IntegrationTests/JobProtocol/protocol-client.sh)

passed=0
failed=0
skipped=0

run_tests() {
  local project="$1" name trx
  name="$(basename "$project")"
  trx="$RESULTS/$name.trx"
  printf 'test: %s\n' "$name" >&2
  dotnet test "$project" -c Debug --no-build --nologo --results-directory "$RESULTS" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --blame-hang-timeout 10m || true
  if [[ ! -f "$trx" ]]; then
    printf 'test: %s produced no results\n' "$name" >&2
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(counter "$trx" passed)))
  failed=$((failed + $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  skipped=$((skipped + $(counter "$trx" notExecuted)))
}

counter() {
  grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || printf '0'
}

check_format() {
  printf 'test: dotnet format --verify-no-changes\n' >&2
  if dotnet format "$REPMAN_ROOT/ReplicationManager.slnx" --verify-no-changes --no-restore; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
}

check_shell_scripts() {
  printf 'test: shellcheck\n' >&2
  local script
  for script in "${SHELL_SCRIPTS[@]}"; do
    if shellcheck -x "$REPMAN_ROOT/$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
}

main() {
  repman_setup Debug
  cd "$REPMAN_ROOT"
  rm -rf "$RESULTS"
  mkdir -p "$RESULTS"
  local project
  for project in "${TEST_PROJECTS[@]}"; do run_tests "$project"; done
  check_shell_scripts
  check_format
  printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  (( failed == 0 ))
}

main "$@"
