#!/usr/bin/env bash
# The integration tests N times in a row, each on a freshly destroyed lab: a flaky test shows up here, with its run.
# Prints one line per run and a summary; keeps each run's results in artifacts/soak/run-K/.
#
# Usage: scripts/soak.sh [N]   (default 5)
# Exit codes: 0 every run green, 1 a run failed, 2 usage error.
set -Eeuo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

readonly RUNS="${1:-5}"
readonly SOAK_RESULTS="$REPMAN_ROOT/artifacts/soak"

counter() {
  grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || printf '0'
}

# soak_run K: destroys the lab, brings it up, runs the integration tests; prints "passed failed seconds".
soak_run() {
  local run="$1" dir="$SOAK_RESULTS/run-$1" started trx
  mkdir -p "$dir"
  started=$SECONDS
  "$REPMAN_ROOT/lab/lab.sh" destroy >"$dir/lab.log" 2>&1
  if ! "$REPMAN_ROOT/lab/lab.sh" up >>"$dir/lab.log" 2>&1; then
    printf 'soak: run %d: the lab did not come up; see %s\n' "$run" "$dir/lab.log" >&2
    printf '0 1 %d\n' $((SECONDS - started))
    return
  fi
  dotnet test "$REPMAN_ROOT/tests/ReplicationManager.IntegrationTests" -c Debug --no-build --nologo --results-directory "$dir" \
    --logger "trx;LogFileName=integration.trx" --logger "console;verbosity=minimal" --blame-hang-timeout 10m \
    >"$dir/test.log" 2>&1 || true
  trx="$dir/integration.trx"
  if [[ ! -f "$trx" ]]; then
    printf '0 1 %d\n' $((SECONDS - started))
    return
  fi
  printf '%d %d %d\n' "$(counter "$trx" passed)" \
    $(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) )) \
    $((SECONDS - started))
}

main() {
  [[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
  repman_setup Debug
  rm -rf "$SOAK_RESULTS"
  local run green=0 passed failed seconds
  for ((run = 1; run <= RUNS; run++)); do
    read -r passed failed seconds < <(soak_run "$run")
    if (( failed == 0 )); then
      green=$((green + 1))
      printf 'soak: run %d/%d green: %d passed in %d s\n' "$run" "$RUNS" "$passed" "$seconds"
    else
      printf 'soak: run %d/%d RED: %d passed, %d failed in %d s; failures:\n' "$run" "$RUNS" "$passed" "$failed" "$seconds"
      grep -E '^\s+Failed ' "$SOAK_RESULTS/run-$run/test.log" | sed 's/^/  /' || true
    fi
  done
  printf 'soak: %d of %d runs green\n' "$green" "$RUNS"
  (( green == RUNS ))
}

main "$@"
