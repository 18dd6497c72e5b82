#!/usr/bin/env bash
# Failover and switchover benchmark: how long writes through HAProxy stop, on a lab of its own (127.0.0.51-53,
# semi-synchronous, its HAProxy on 127.0.0.50), with a client writing one row per statement in a loop.
#
#   baseline  the primary killed (kill -9) and, at once, the first replica promoted by hand (STOP SLAVE, RESET SLAVE
#             ALL, read_only=0, HAProxy's write server moved): the floor, with no detection and no checks
#   killed    the primary killed; repman detects, checks and fails over: from the kill to the first write
#             acknowledged by the new primary, median and max over the rounds, and the ratio to the baseline
#   hung      the primary stopped (SIGSTOP): the same (goal below 10 s)
#   switchover  repman's switchover: the longest time between two acknowledged writes, median and max
#
# Settings used (printed): monitoring-ticker 1 s, failover-falsepositive-ping-counter 2, db-servers-connect-timeout 1 s,
# monitoring-query-timeout 2 s, failover-falsepositive-heartbeat-timeout 3 s. Each killed or hung round starts on
# a fresh lab (about 3 s). The last line reads "failover: M ms median after a kill".
#
# Usage: bench/failover.sh [ROUNDS]   (default 10; needs a Release build, bench/run.sh makes one)
# Exit codes: 0 ok, 1 failure.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/repman-config.sh
source "$ROOT/bench/repman-config.sh"
readonly ROUNDS="${1:-10}"
readonly LAB_DIR_FAILOVER=/tmp/repman-bench-failover-lab
readonly LAB_BASE_FAILOVER=50
readonly PASSWORD='bench-Pa55'
readonly REPMAN="$ROOT/artifacts/bin/ReplicationManager.Server/release/replication-manager.dll"
WORK_DIR="$(mktemp -d /tmp/repman-failover-bench.XXXXXX)"
readonly WORK_DIR
repman_pid=""
writer_pid=""
stopped_pid=""

say() { printf 'bench failover: %s\n' "$*" >&2; }

flab() { REPMAN_LAB_DIR="$LAB_DIR_FAILOVER" REPMAN_LAB_BASE="$LAB_BASE_FAILOVER" REPMAN_LAB_SEMISYNC=1 "$ROOT/lab/lab.sh" "$@"; }

now_ms() { date +%s%3N; }

cleanup() {
  stop_writer
  stop_repman
  if [[ -n "$stopped_pid" ]]; then kill -CONT "$stopped_pid" 2>/dev/null || true; fi
  flab destroy >/dev/null 2>&1 || true
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

fresh_lab() {
  flab destroy >/dev/null 2>&1 || true
  flab up 3 >/dev/null
  # shellcheck disable=SC1090
  source <(flab env)
}

sql_through_haproxy() {
  mariadb --no-defaults -h "$LAB_HAPROXY_ADDRESS" -P "$LAB_HAPROXY_WRITE_PORT" -u "$LAB_REPMAN_USER" -p"$LAB_REPMAN_PASSWORD" \
    --connect-timeout=2 -N -e "$1"
}

# One row per statement, each on a new connection through HAProxy: "<ms> ok <server_id>" or "<ms> fail".
start_writer() {
  local log="$1"
  sql_through_haproxy "CREATE DATABASE IF NOT EXISTS bench; CREATE TABLE IF NOT EXISTS bench.w (id BIGINT AUTO_INCREMENT PRIMARY KEY)"
  (
    while :; do
      if id="$(sql_through_haproxy "INSERT INTO bench.w VALUES (NULL); SELECT @@server_id" 2>/dev/null)"; then
        printf '%s ok %s\n' "$(now_ms)" "$id"
      else
        printf '%s fail\n' "$(now_ms)"
      fi
    done
  ) >"$log" &
  writer_pid=$!
  until grep -q ' ok ' "$log" 2>/dev/null; do sleep 0.05; done
}

stop_writer() {
  if [[ -n "$writer_pid" ]]; then kill "$writer_pid" 2>/dev/null || true; wait "$writer_pid" 2>/dev/null || true; writer_pid=""; fi
}

start_repman() {
  local api_port http_port
  api_port="$(free_port)"
  http_port="$(free_port)"
  mkdir -p "$WORK_DIR/repman"
  rm -rf "$WORK_DIR/repman/data"
  write_repman_config "$WORK_DIR/repman" "$api_port" "$http_port" "$PASSWORD" "$(cat <<TOML
db-servers-connect-timeout = 1
failover-falsepositive-ping-counter = 2
failover-mode = "automatic"
failover-limit = 0
haproxy = true
haproxy-servers = "$LAB_HAPROXY_ADDRESS"
TOML
)"
  dotnet "$REPMAN" --config "$WORK_DIR/repman/config.toml" >"$WORK_DIR/repman.log" 2>&1 &
  repman_pid=$!
  API="https://127.0.0.1:$api_port"
  CHECK="http://127.0.0.1:$http_port"
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$CHECK/api/clusters/lab/servers/$LAB_PRIMARY/3306/is-master")" == 200 ]]; do
    kill -0 "$repman_pid" 2>/dev/null || { say "repman exited: $(tail -5 "$WORK_DIR/repman.log")"; return 1; }
    sleep 0.1
  done
  TOKEN="$(curl -sk -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$API/api/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
}

stop_repman() {
  if [[ -n "$repman_pid" ]]; then kill "$repman_pid" 2>/dev/null || true; wait "$repman_pid" 2>/dev/null || true; repman_pid=""; fi
}

# Milliseconds from $2 to the first write acknowledged by a server other than $3, in log $1.
first_write_after() {
  awk -v t="$2" -v old="$3" '$1 >= t && $2 == "ok" && $3 != old { print $1 - t; exit }' "$1"
}

wait_first_write() {
  local log="$1" since="$2" old="$3" deadline=$((SECONDS + 60)) ms
  while (( SECONDS < deadline )); do
    ms="$(first_write_after "$log" "$since" "$old")"
    if [[ -n "$ms" ]]; then printf '%s' "$ms"; return 0; fi
    sleep 0.1
  done
  say "no write reached a new primary within 60 s; see $WORK_DIR/repman.log"
  return 1
}

# The longest time between two acknowledged writes at or after $2, in log $1.
longest_gap() {
  awk -v t="$2" '$1 >= t && $2 == "ok" { if (last) { g = $1 - last; if (g > max) max = g } last = $1 } END { print max + 0 }' "$1"
}

stats() { grep -v "^$" | sort -n | awk '{ v[NR] = $1 } END { printf "%d %d\n", v[int((NR + 1) / 2)], v[NR] }'; }

round_baseline() {
  fresh_lab
  local log="$WORK_DIR/baseline.log" t
  start_writer "$log"
  sleep 1
  t="$(now_ms)"
  flab kill db1
  mariadb --no-defaults -h "$LAB_DB2_ADDRESS" -u "$LAB_REPMAN_USER" -p"$LAB_REPMAN_PASSWORD" -e 'STOP ALL SLAVES; RESET SLAVE ALL; SET GLOBAL read_only = 0'
  printf 'set server service_write/leader addr %s port 3306\nshutdown sessions server service_write/leader\n' "$LAB_DB2_ADDRESS" |
    while read -r command; do printf '%s\n' "$command" | socat - "TCP:$LAB_HAPROXY_ADDRESS:$LAB_HAPROXY_API_PORT" >/dev/null; done
  wait_first_write "$log" "$t" "$((LAB_BASE_FAILOVER + 1))"
  stop_writer
}

round_repman() {
  local signal="$1" log="$WORK_DIR/$1.log" t ms pid
  fresh_lab
  start_repman
  start_writer "$log"
  sleep 1
  t="$(now_ms)"
  if [[ "$signal" == killed ]]; then
    flab kill db1
  else
    pid="$(cat "$LAB_DIR_FAILOVER/hosts/db1/mariadbd.pid")"
    stopped_pid="$pid"
    kill -STOP "$pid"
  fi
  ms="$(wait_first_write "$log" "$t" "$((LAB_BASE_FAILOVER + 1))")"
  if [[ -n "$stopped_pid" ]]; then kill -CONT "$stopped_pid"; stopped_pid=""; fi
  stop_writer
  stop_repman
  printf '%s' "$ms"
}

rounds_switchover() {
  local log="$WORK_DIR/switchover.log" i t code gaps=()
  fresh_lab
  start_repman
  start_writer "$log"
  for ((i = 0; i < ROUNDS; i++)); do
    sleep 1
    t="$(now_ms)"
    code="$(curl -sk -X POST -H "Authorization: Bearer $TOKEN" "$API/api/clusters/lab/actions/switchover" -o "$WORK_DIR/switchover.json" -w '%{http_code}')"
    [[ "$code" == 200 ]] || { say "switchover $i answered $code: $(cat "$WORK_DIR/switchover.json")"; return 1; }
    sleep 1
    gaps+=("$(longest_gap "$log" "$t")")
  done
  stop_writer
  stop_repman
  printf '%s\n' "${gaps[@]}"
}

main() {
  local i b b_max k k_max h h_max s s_max
  [[ -f "$REPMAN" ]] || { say "no Release build at $REPMAN (bench/run.sh builds it)"; exit 1; }
  say "$ROUNDS rounds each; settings: monitoring-ticker 1 s, failover-falsepositive-ping-counter 2, connect timeout 1 s, query timeout 2 s, heartbeat check 3 s"
  # Rounds run in this shell (their figures go to files), so that the exit trap ends whatever a failed round started.
  for ((i = 0; i < ROUNDS; i++)); do
    round_baseline >>"$WORK_DIR/baseline.ms"
    printf '\n' >>"$WORK_DIR/baseline.ms"
    round_repman killed >>"$WORK_DIR/killed.ms"
    printf '\n' >>"$WORK_DIR/killed.ms"
    say "round $((i + 1)): baseline $(tail -1 "$WORK_DIR/baseline.ms") ms, killed $(tail -1 "$WORK_DIR/killed.ms") ms"
  done
  for ((i = 0; i < ROUNDS; i++)); do
    round_repman hung >>"$WORK_DIR/hung.ms"
    printf '\n' >>"$WORK_DIR/hung.ms"
    say "round $((i + 1)): hung $(tail -1 "$WORK_DIR/hung.ms") ms"
  done
  rounds_switchover >"$WORK_DIR/switchover.ms"
  read -r b b_max < <(stats <"$WORK_DIR/baseline.ms")
  read -r k k_max < <(stats <"$WORK_DIR/killed.ms")
  read -r h h_max < <(stats <"$WORK_DIR/hung.ms")
  read -r s s_max < <(stats <"$WORK_DIR/switchover.ms")
  printf 'baseline (hand promotion at once): median %d ms, max %d ms\n' "$b" "$b_max"
  printf 'killed primary: median %d ms, max %d ms (%.1fx the baseline; goal below 3000 ms)\n' "$k" "$k_max" "$(awk -v a="$k" -v b="$b" 'BEGIN { print a / (b > 0 ? b : 1) }')"
  printf 'hung primary: median %d ms, max %d ms (goal below 10000 ms)\n' "$h" "$h_max"
  printf 'switchover: writes stopped %d ms median, %d ms max (goal below 1000 ms median)\n' "$s" "$s_max"
  printf 'failover: %d ms median after a kill\n' "$k"
}

main "$@"
