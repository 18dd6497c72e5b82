#!/usr/bin/env bash
# Reseed benchmark: a fresh lab host (the joiner, lab.sh fresh 9) rebuilt from the lab primary (the donor, with GIB
# gibibytes of random rows added, not replicated), through repman and against the manual way, in the same run.
#
#   baseline  mariabackup --stream=xbstream on the donor | socat straight to the joiner's socat | mbstream -x, then
#             mariabackup --prepare (the transfer an operator runs by hand, donor to joiner)
#   repman    POST .../actions/reseed/physicalbackup?donor=<primary>&confirm=true: the donor's job script streams to
#             repman's receiver, repman writes it to disk and relays it as it arrives to the joiner's SST port, the
#             joiner's script extracts, prepares, swaps the data directory and starts the server, repman re-points it
#             (phases from the joiner script's own log lines)
# The ratio that counts: repman's transfer (donor stream + relay + extract) against the baseline's (goal <= 1.10x).
# Both paths share the machine's two cores (no pinning: repman's relay would have a machine of its own).
# backup-physical-verify is off for the bench: the donor's backup is not also extracted and prepared on repman's
# host while the joiner prepares (the joiner's prepare is that check).
#
# Usage: bench/reseed.sh [GIB [RUNS]]   (defaults 1 3; the median of the runs counts)
# Needs the lab (lab/lab.sh up) and a Release build (bench/run.sh builds it).
# Exit codes: 0 ok, 1 failure.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/repman-config.sh
source "$ROOT/bench/repman-config.sh"
readonly GIB="${1:-1}"
readonly RUNS="${2:-3}"
readonly JOINER_INDEX=9
readonly PASSWORD='bench-Pa55'
readonly SCRIPT="$ROOT/share/dbjobs/dbjobs_new"
readonly REPMAN="$ROOT/artifacts/bin/ReplicationManager.Server/release/replication-manager.dll"
WORK_DIR="$(mktemp -d /tmp/repman-reseed-bench.XXXXXX)"
readonly WORK_DIR
repman_pid=""
token=""
api=""
joiner=""
joiner_id=""

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

cleanup() {
  if [[ -n "$repman_pid" ]] && kill -0 "$repman_pid" 2>/dev/null; then
    kill "$repman_pid"
    wait "$repman_pid" 2>/dev/null || true
  fi
  root_sql "SET sql_log_bin = 0; DROP DATABASE IF EXISTS repman_bench" 2>/dev/null || true
  "$ROOT/lab/lab.sh" drop "$JOINER_INDEX" >/dev/null 2>&1 || true
  rm -rf "$WORK_DIR"
}


start_repman() {
  LAB_HOSTS="$LAB_HOSTS,$joiner" start_lab_repman "$WORK_DIR" "$REPMAN" "$PASSWORD" "" "scheduler-jobs-mode = \"api\"
backup-physical-verify = false
sst-send-buffer = 1048576"
  joiner_id="$(lab_server_id "$joiner")"
}

# The environment repman's SSH runner gives the script, here for a run straight on the host.
run_script() {
  local host="$1" state="$2"
  shift 2
  env "$@" REPLICATION_MANAGER_URL="$api" REPLICATION_MANAGER_URL_HOST=127.0.0.1 \
    REPLICATION_MANAGER_HOST_NAME="$host" REPLICATION_MANAGER_HOST_PORT=3306 \
    REPLICATION_MANAGER_HOST_USER="$LAB_REPMAN_USER" REPLICATION_MANAGER_HOST_PASSWORD="$LAB_REPMAN_PASSWORD" \
    REPLICATION_MANAGER_CLUSTER_NAME=lab DBJOBS_STATE_DIR="$state" DBJOBS_UPGRADE_INTERVAL=0 DBJOBS_MIN_FREE_MB=64 \
    bash "$SCRIPT" >>"$WORK_DIR/dbjobs.out" 2>>"$WORK_DIR/dbjobs.log"
}

# Prints "TRANSFER_S PREPARE_S" of one baseline run.
baseline_run() {
  local port target="$WORK_DIR/baseline" source_tmp="$WORK_DIR/baseline-source" receiver start transferred prepared
  port="$(free_port)"
  rm -rf "$target" "$source_tmp" && mkdir -p "$target" "$source_tmp"
  socat -u -b 131072 "TCP-LISTEN:$port,bind=$joiner,reuseaddr" STDOUT | mbstream -x -C "$target" &
  receiver=$!
  until ss -Hltn "sport = :$port" | grep -q .; do sleep 0.01; done
  start="$(now)"
  mariabackup --defaults-extra-file="$WORK_DIR/client.cnf" --backup --stream=xbstream --target-dir="$source_tmp" \
    --datadir="$LAB_DB1_DATADIR" 2>>"$WORK_DIR/baseline.log" | socat -u -b 131072 - "TCP:$joiner:$port"
  wait "$receiver"
  transferred="$(now)"
  mariabackup --prepare --target-dir="$target" 2>>"$WORK_DIR/baseline.log"
  prepared="$(now)"
  awk -v a="$start" -v b="$transferred" -v c="$prepared" 'BEGIN { printf "%.2f %.2f\n", b - a, c - b }'
  rm -rf "$target" "$source_tmp"
}

# Prints "TRANSFER_S PREPARE_S SWAP_S TOTAL_S" of one reseed through repman.
repman_run() {
  local id start ended log outcome joiner_run
  log="$WORK_DIR/data/lab/${joiner}_3306/jobs/reseedmariabackup.log"
  rm -f "$log"
  start="$(now)"
  id="$(curl -ks -X POST -H "Authorization: Bearer $token" \
    "$api/api/clusters/lab/servers/$joiner/3306/actions/reseed/physicalbackup?confirm=true&donor=$LAB_PRIMARY:3306" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["job"]["id"])')" || die "the reseed was refused; repman log: $WORK_DIR/repman.log"
  run_script "$joiner" "$WORK_DIR/joiner-state" DBJOBS_STOP_COMMAND="$ROOT/lab/lab.sh stop $JOINER_INDEX" \
    DBJOBS_START_COMMAND="$ROOT/lab/lab.sh start $JOINER_INDEX" DBJOBS_RESEED_REPLICATION_WAIT_S=30 &
  joiner_run=$!
  run_script "$LAB_PRIMARY" "$WORK_DIR/donor-state" || die "the donor's script failed: $WORK_DIR/dbjobs.log"
  local deadline=$((SECONDS + 900))
  while ((SECONDS < deadline)); do
    outcome="$(curl -ks -H "Authorization: Bearer $token" "$api/api/clusters/lab/servers/$joiner_id/jobs" |
      python3 -c 'import json, sys
job = next((j for j in json.load(sys.stdin) if j["id"] == int(sys.argv[1])), None)
if job and job["state"] >= 4: print(job["state"], job.get("result") or "")' "$id")"
    [[ -n "$outcome" ]] && break
    sleep 0.05
  done
  [[ -n "$outcome" ]] || die "job $id did not end within 900 s; repman log: $WORK_DIR/repman.log"
  ended="$(now)"
  wait "$joiner_run" || true
  [[ "$outcome" == "4 "* ]] || die "the reseed did not succeed: $outcome"
  awk -v a="$start" -v b="$ended" '
    /received the backup in/ { for (i = 1; i <= NF; i++) if ($i == "in") t = $(i + 1) }
    /prepared in/ { for (i = 1; i <= NF; i++) if ($i == "in") p = $(i + 1) }
    /swapped in and started in/ { s = $NF; if (s == "s") s = $(NF - 1) }
    END { printf "%.2f %.2f %.2f %.2f\n", t, p, s, b - a }' "$log"
}

main() {
  trap cleanup EXIT
  [[ -f "$REPMAN" ]] || die "no Release build at $REPMAN: run bench/run.sh, or dotnet build -c Release"
  # shellcheck disable=SC1090 # lab.env is written by lab/lab.sh up
  source <("$ROOT/lab/lab.sh" env)
  root_sql "SELECT 1" >/dev/null || die "the lab primary does not answer: run lab/lab.sh up"
  "$ROOT/lab/lab.sh" fresh "$JOINER_INDEX" >/dev/null
  joiner="127.0.0.$((10 + JOINER_INDEX))"
  printf '[client]\nuser=%s\npassword="%s"\nhost=%s\nport=3306\nprotocol=tcp\n' "$LAB_REPMAN_USER" "$LAB_REPMAN_PASSWORD" "$LAB_PRIMARY" \
    >"$WORK_DIR/client.cnf"
  chmod 600 "$WORK_DIR/client.cnf"
  root_sql "SET sql_log_bin = 0; DROP DATABASE IF EXISTS repman_bench; CREATE DATABASE repman_bench;
    CREATE TABLE repman_bench.filler (id INT PRIMARY KEY, b VARBINARY(1000)) ENGINE = InnoDB"
  fill_to "$GIB"
  start_repman

  local run base_transfer=() base_prepare=() transfer=() prepare=() swap=() total=() a b c d
  for ((run = 0; run < RUNS; run++)); do
    say "run $((run + 1)) of $RUNS"
    read -r a b <<<"$(baseline_run)"
    base_transfer+=("$a")
    base_prepare+=("$b")
    read -r a b c d <<<"$(repman_run)"
    transfer+=("$a")
    prepare+=("$b")
    swap+=("$c")
    total+=("$d")
  done
  local bt bp t p s tot
  bt="$(printf '%s\n' "${base_transfer[@]}" | median)"
  bp="$(printf '%s\n' "${base_prepare[@]}" | median)"
  t="$(printf '%s\n' "${transfer[@]}" | median)"
  p="$(printf '%s\n' "${prepare[@]}" | median)"
  s="$(printf '%s\n' "${swap[@]}" | median)"
  tot="$(printf '%s\n' "${total[@]}" | median)"
  printf 'reseed  %s GiB added on the donor, medians of %s runs, loopback, two cores shared\n' "$GIB" "$RUNS"
  awk -v bt="$bt" -v bp="$bp" -v t="$t" -v p="$p" -v s="$s" -v tot="$tot" 'BEGIN {
    printf "  baseline  transfer %6.2f s  prepare %6.2f s\n", bt, bp
    printf "  repman    transfer %6.2f s  prepare %6.2f s  swap+start %5.2f s  total with re-point %6.2f s\n", t, p, s, tot
    printf "  relay cost: repman transfer / baseline transfer = %.2fx (goal <= 1.10x)\n", t / bt }'
}

main "$@"
