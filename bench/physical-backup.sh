#!/usr/bin/env bash
# Physical backup benchmark: a backup of the lab primary taken by the job script (share/dbjobs/dbjobs_new) and
# streamed into repman's receiver (API mode), against the same mariabackup stream piped to socat into a plain file,
# measured in the same run at two data sizes.
#
#   script    from the script's start to its exit (login, needs, the stream behind its token into repman's receiver,
#             which hashes it with SHA-256 and fsyncs it, the log push, the job closed): MiB/s and the ratio to the
#             baseline (goal >= 0.9x)
#   digest    the same with DBJOBS_STREAM_DIGEST=1: the script hashes the stream too and repman compares
#   verified  until the job is a success, that is after repman extracted the stream with mbstream and prepared it
#             with mariabackup (backup-physical-verify): shown beside, it has no counterpart in the baseline
#   slope     seconds per GB added, between the two sizes, for each path
#
# The database host and the repman host are two machines: the sending side (mariabackup, the script, socat) runs on
# core 0 and the receiving side (repman, the baseline's socat) on core 1.
#
# The data is a table of random bytes written on the primary with sql_log_bin=0 (the replicas do not take it), and
# dropped at the end.
#
# Usage: bench/physical-backup.sh [GIB_SMALL GIB_LARGE [RUNS]]   (defaults 0.5 1 3; the median of the runs counts)
# Needs the lab (lab/lab.sh up) and a Release build (bench/run.sh builds it).
# Exit codes: 0 ok, 1 failure.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/repman-config.sh
source "$ROOT/bench/repman-config.sh"
readonly SMALL_GIB="${1:-0.5}"
readonly LARGE_GIB="${2:-1}"
readonly RUNS="${3:-3}"
# The database host and the repman host are two machines: each side of a transfer gets a core of its own.
readonly HOST_CPU=0
readonly REPMAN_CPU=1
readonly PASSWORD='bench-Pa55'
readonly SCRIPT="$ROOT/share/dbjobs/dbjobs_new"
readonly REPMAN="$ROOT/artifacts/bin/ReplicationManager.Server/release/replication-manager.dll"
WORK_DIR="$(mktemp -d /tmp/repman-physical-bench.XXXXXX)"
readonly WORK_DIR
repman_pid=""
token=""
api=""
server_id=""

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

cleanup() {
  if [[ -n "$repman_pid" ]] && kill -0 "$repman_pid" 2>/dev/null; then
    kill "$repman_pid"
    wait "$repman_pid" 2>/dev/null || true
  fi
  root_sql "SET sql_log_bin = 0; DROP DATABASE IF EXISTS repman_bench" 2>/dev/null || true
  [[ -s "$WORK_DIR/dbjobs.out" ]] && cat "$WORK_DIR/dbjobs.out" >&2
  rm -rf "$WORK_DIR"
}




# Grows repman_bench.filler to GIB gibibytes of random rows of 1000 bytes (100 MB a statement).

start_repman() {
  start_lab_repman "$WORK_DIR" "$REPMAN" "$PASSWORD" "$REPMAN_CPU" 'scheduler-jobs-mode = "api"'
  server_id="$(lab_server_id "$LAB_PRIMARY")"
}

# The environment repman's SSH runner gives the script (spec 6.1.5), here for a run straight on the host.
run_script() {
  env DBJOBS_STREAM_DIGEST="$1" REPLICATION_MANAGER_URL="$api" REPLICATION_MANAGER_URL_HOST=127.0.0.1 \
    REPLICATION_MANAGER_HOST_NAME="$LAB_PRIMARY" REPLICATION_MANAGER_HOST_PORT=3306 \
    REPLICATION_MANAGER_HOST_USER="$LAB_REPMAN_USER" REPLICATION_MANAGER_HOST_PASSWORD="$LAB_REPMAN_PASSWORD" \
    REPLICATION_MANAGER_CLUSTER_NAME=lab DBJOBS_STATE_DIR="$WORK_DIR/dbjobs" DBJOBS_UPGRADE_INTERVAL=0 \
    taskset -c "$HOST_CPU" bash "$SCRIPT" >>"$WORK_DIR/dbjobs.out" 2>>"$WORK_DIR/dbjobs.log"
}

# Prints "STATE RESULT" of job ID once it ended.
wait_job() {
  local id="$1" answer
  while true; do
    answer="$(curl -ks -H "Authorization: Bearer $token" "$api/api/clusters/lab/servers/$server_id/jobs" |
      python3 -c 'import json, sys
job = next((j for j in json.load(sys.stdin) if j["id"] == int(sys.argv[1])), None)
if job and job["state"] >= 4: print(job["state"], job.get("result") or "")' "$id")"
    [[ -n "$answer" ]] && { printf '%s\n' "$answer"; return; }
    sleep 0.05
  done
}

# Prints "BYTES SECONDS" of one baseline run: mariabackup --stream | socat into a file.
baseline_run() {
  local port out="$WORK_DIR/baseline.xbstream" target="$WORK_DIR/baseline.tmp" receiver start end
  port="$(free_port)"
  rm -rf "$target" && mkdir -p "$target"
  taskset -c "$REPMAN_CPU" socat -u "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" "OPEN:$out,creat,trunc" &
  receiver=$!
  until ss -Hltn "sport = :$port" | grep -q .; do sleep 0.01; done
  start="$(now)"
  taskset -c "$HOST_CPU" mariabackup --defaults-extra-file="$WORK_DIR/client.cnf" --backup --stream=xbstream \
    --target-dir="$target" --datadir="$LAB_DB1_DATADIR" 2>>"$WORK_DIR/baseline.log" | taskset -c "$HOST_CPU" socat -u - "TCP:127.0.0.1:$port"
  wait "$receiver"
  end="$(now)"
  printf '%s %s\n' "$(stat -c %s "$out")" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
  rm -rf "$out" "$target"
}

# Prints "BYTES TRANSFER_SECONDS VERIFIED_SECONDS" of one run through the script and repman; DIGEST is 0 or 1.
repman_run() {
  local digest="$1" id start transferred verified outcome
  id="$(curl -ks -X POST -H "Authorization: Bearer $token" "$api/api/clusters/lab/servers/$server_id/actions/backup-physical" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')"
  start="$(now)"
  run_script "$digest" || die "the job script failed; its output: $WORK_DIR/dbjobs.log"
  transferred="$(now)"
  outcome="$(wait_job "$id")"
  verified="$(now)"
  [[ "$outcome" == "4 "* ]] || die "job $id did not succeed: $outcome"
  local bytes
  bytes="$(curl -ks -H "Authorization: Bearer $token" "$api/api/clusters/lab/servers/$server_id/jobs" |
    python3 -c 'import json, sys; print(next(j for j in json.load(sys.stdin) if j["id"] == int(sys.argv[1]))["bytes"])' "$id")"
  printf '%s %s %s\n' "$bytes" "$(awk -v a="$start" -v b="$transferred" 'BEGIN { print b - a }')" \
    "$(awk -v a="$start" -v b="$verified" 'BEGIN { print b - a }')"
}


# Measures RUNS of each path at the current size; prints "BYTES BASE_S SCRIPT_S VERIFIED_S DIGEST_S" (medians).
measure_size() {
  local run base_runs=() script_runs=() verified_runs=() digest_runs=() bytes=0 line
  for ((run = 0; run < RUNS; run++)); do
    read -r bytes line <<<"$(baseline_run)"
    base_runs+=("$line")
    read -r bytes line <<<"$(repman_run 0)"
    script_runs+=("${line% *}")
    verified_runs+=("${line#* }")
    read -r bytes line <<<"$(repman_run 1)"
    digest_runs+=("${line% *}")
  done
  printf '%s %s %s %s %s\n' "$bytes" "$(printf '%s\n' "${base_runs[@]}" | median)" "$(printf '%s\n' "${script_runs[@]}" | median)" \
    "$(printf '%s\n' "${verified_runs[@]}" | median)" "$(printf '%s\n' "${digest_runs[@]}" | median)"
}

row() {
  awk -v l="$1" -v n="$2" -v b="$3" -v t="$4" -v v="$5" -v d="$6" 'BEGIN {
    mb = n / 1048576
    printf "  %-6s %6.0f MiB  baseline %4.0f MiB/s  script %4.0f MiB/s %5.2fx  digest %4.0f MiB/s %5.2fx  verified %4.0f MiB/s (%4.1f s)\n",
      l, mb, mb / b, mb / t, b / t, mb / d, b / d, mb / v, v }'
}

main() {
  trap cleanup EXIT
  [[ -f "$REPMAN" ]] || die "no Release build at $REPMAN: run bench/run.sh, or dotnet build -c Release"
  # shellcheck disable=SC1090 # lab.env is written by lab/lab.sh up
  source <("$ROOT/lab/lab.sh" env)
  root_sql "SELECT 1" >/dev/null || die "the lab primary does not answer: run lab/lab.sh up"
  printf '[client]\nuser=%s\npassword="%s"\nhost=%s\nport=3306\nprotocol=tcp\n' "$LAB_REPMAN_USER" "$LAB_REPMAN_PASSWORD" "$LAB_PRIMARY" \
    >"$WORK_DIR/client.cnf"
  chmod 600 "$WORK_DIR/client.cnf"
  root_sql "SET sql_log_bin = 0; DROP DATABASE IF EXISTS repman_bench; CREATE DATABASE repman_bench;
    CREATE TABLE repman_bench.filler (id INT PRIMARY KEY, b VARBINARY(1000)) ENGINE = InnoDB"
  start_repman

  local small large
  fill_to "$SMALL_GIB"
  say "measuring at ${SMALL_GIB} GiB added ($RUNS runs)"
  small="$(measure_size)"
  fill_to "$LARGE_GIB"
  say "measuring at ${LARGE_GIB} GiB added ($RUNS runs)"
  large="$(measure_size)"

  printf 'physical-backup  lab primary, medians of %s runs, loopback, sender and receiver on a core each\n' "$RUNS"
  # shellcheck disable=SC2086 # the fields of one line
  row small $small
  # shellcheck disable=SC2086
  row large $large
  awk -v s="$small" -v l="$large" 'BEGIN {
    split(s, a, " "); split(l, b, " "); gb = (b[1] - a[1]) / 1e9
    printf "  slope per GB  baseline %.2f s  script %.2f s (%.2fx)  digest %.2f s (%.2fx)  verified %.2f s\n",
      (b[2] - a[2]) / gb, (b[3] - a[3]) / gb, (b[2] - a[2]) / (b[3] - a[3]), (b[5] - a[5]) / gb, (b[2] - a[2]) / (b[5] - a[5]),
      (b[4] - a[4]) / gb }'
}

main "$@"
