#!/usr/bin/env bash
# Builds Release and runs every benchmark; each prints its figures with a ratio to a baseline measured in the same run.
#
#   client      repman's MariaDB client against the mariadb CLI, on the test lab's primary (lab/lab.sh up)
#   monitoring  CPU and allocations per server per tick with 3, 10, 30 and 60 hosts against a SELECT 1 floor, the
#               slope and its projection to 200 and 5,000 servers, the heap over 600 ticks; on a second lab of 60
#               hosts (127.0.0.101-160, /tmp/repman-bench-lab, about 5 GB) so that the test lab is not disturbed
#   streams     stream receive rate through repman's receiver against socat writing a file (1 GiB, no lab)
#   write-log   job-script log lines ingested per second on one core (taskset) against openssl enc -d per batch
#   jobs        time from a scheduler firing to the job rows present on 10, 30 and 60 hosts of the bench lab, and
#               the projection to 200 hosts
#   api         bench/api.sh: routes' throughput against baselines, and with repman watching the 60-host bench lab
#   physical    bench/physical-backup.sh: a backup through the job script and repman's receiver against
#               mariabackup --stream | socat into a file, at 0.5 and 1 GiB of data (slope per GB)
#   reseed      bench/reseed.sh: a fresh host rebuilt from a live donor through repman's relay against
#               mariabackup --stream | socat straight from donor to joiner (1 GiB, 3 runs)
#   graphite    bench/graphite.sh: points per second over carbon plaintext against Debian's carbon-cache, and a 24 h
#               render of 60 servers against graphite-web reading the same files
#   failover    bench/failover.sh: how long writes through HAProxy stop when the primary is killed or hung and
#               repman fails over, against a promotion by hand at once, and during a switchover (10 rounds each)
#
# Usage: bench/run.sh [--keep-lab]   (--keep-lab leaves the 60-host bench lab running for the next run)
# Exit codes: 0 ok, 1 a benchmark failed, 2 usage error.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly BENCH_LAB_DIR=/tmp/repman-bench-lab
readonly BENCH_LAB_BASE=100
readonly BENCH_LAB_HOSTS=60
readonly BENCH="$ROOT/artifacts/bin/ReplicationManager.Benchmarks/release/ReplicationManager.Benchmarks.dll"

say() { printf 'bench: %s\n' "$*" >&2; }

bench_lab() {
  REPMAN_LAB_DIR="$BENCH_LAB_DIR" REPMAN_LAB_BASE="$BENCH_LAB_BASE" "$ROOT/lab/lab.sh" "$@"
}

start_bench_lab() {
  say "bench lab: $BENCH_LAB_HOSTS hosts in $BENCH_LAB_DIR"
  bench_lab up "$BENCH_LAB_HOSTS" >&2
}

stop_bench_lab() {
  say "bench lab: down (run with --keep-lab to keep it)"
  bench_lab down >&2 || true
}

main() {
  local keep_lab=false failed=0
  case "${1:-}" in
    --keep-lab) keep_lab=true ;;
    '') ;;
    *) sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  say "dotnet build (Release)"
  dotnet build "$ROOT/ReplicationManager.slnx" -c Release -v quiet -nologo >&2
  "$ROOT/lab/lab.sh" up >&2
  dotnet "$BENCH" client || failed=1
  dotnet "$BENCH" streams || failed=1
  taskset -c 0 dotnet "$BENCH" write-log || failed=1
  # Whatever happens from here (a host that does not start, a benchmark that fails, Ctrl-C), the bench lab goes down.
  [[ "$keep_lab" == true ]] || trap stop_bench_lab EXIT
  if start_bench_lab; then
    REPMAN_LAB_DIR="$BENCH_LAB_DIR" REPMAN_LAB_BASE="$BENCH_LAB_BASE" dotnet "$BENCH" monitoring || failed=1
    REPMAN_LAB_DIR="$BENCH_LAB_DIR" REPMAN_LAB_BASE="$BENCH_LAB_BASE" dotnet "$BENCH" jobs || failed=1
  else
    say "bench lab: did not start; see the lab's messages above"
    failed=1
  fi
  if [[ -x "$ROOT/bench/api.sh" ]]; then "$ROOT/bench/api.sh" || failed=1; fi
  "$ROOT/bench/physical-backup.sh" || failed=1
  "$ROOT/bench/reseed.sh" || failed=1
  "$ROOT/bench/graphite.sh" || failed=1
  "$ROOT/bench/failover.sh" || failed=1
  return "$failed"
}

main "$@"
