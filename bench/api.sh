#!/usr/bin/env bash
# API benchmark: requests per second and p99 latency of repman's HTTP routes, measured with wrk against the real
# executable running on the lab, each printed with its ratio to a baseline measured in the same run.
#
#   check port (plain HTTP): /api/status is the baseline of is-master
#   API port (HTTPS):        /api/status is the baseline of the authenticated /api/clusters/lab/topology/servers
#   fleet:                   when the 60-host bench lab runs (bench/run.sh starts it), the same routes with repman
#                            watching its 60 hosts, against the 3-host figures (issue 14: within 20%)
#
# Usage: bench/api.sh [DURATION_S] [CONNECTIONS]   (defaults 10 and 16; wrk runs 2 threads)
# Needs the lab (lab/lab.sh up) and installs wrk with apt-get when it is missing.
# Exit codes: 0 ok, 1 failure.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/repman-config.sh
source "$ROOT/bench/repman-config.sh"
readonly DURATION_S="${1:-10}"
readonly CONNECTIONS="${2:-16}"
readonly THREADS=2
readonly BENCH_LAB_DIR=/tmp/repman-bench-lab
check="" api="" primary="" token="" SERVERS_SIZE3=0
readonly PASSWORD='bench-Pa55'
WORK_DIR="$(mktemp -d /tmp/repman-api-bench.XXXXXX)"
readonly WORK_DIR
repman_pid=""

say() { printf 'bench: %s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$repman_pid" ]] && kill -0 "$repman_pid" 2>/dev/null; then
    kill "$repman_pid"
    wait "$repman_pid" 2>/dev/null || true
  fi
  rm -rf "$WORK_DIR"
}


ensure_wrk() {
  command -v wrk >/dev/null && return
  say "installing wrk"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
}

wait_for() {
  local url="$1" expected="$2" i
  for ((i = 0; i < 300; i++)); do
    if curl -ks "$url" | grep -q "$expected"; then return 0; fi
    sleep 0.2
  done
  say "no '$expected' from $url"
  return 1
}

# Prints "RPS P99_MS" for one wrk run.
measure() {
  local url="$1"
  shift
  local out rps p99
  # A short first run warms the JIT and the connection pools; only the second one counts.
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s "$@" "$url" >/dev/null
  out="$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION_S}s" --latency "$@" "$url")"
  if grep -q 'Non-2xx' <<<"$out"; then
    say "$url answered errors:"
    printf '%s\n' "$out" >&2
    return 1
  fi
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  printf '%s %s\n' "$rps" "$(to_ms "$p99")"
}

to_ms() {
  awk -v t="$1" 'BEGIN {
    if (t ~ /us$/) { sub(/us$/, "", t); printf "%.3f", t / 1000 }
    else if (t ~ /ms$/) { sub(/ms$/, "", t); printf "%.3f", t }
    else if (t ~ /s$/) { sub(/s$/, "", t); printf "%.3f", t * 1000 }
    else { printf "%s", t } }'
}

row() {
  local name="$1" result="$2" baseline="$3"
  awk -v n="$name" -v r="$result" -v b="$baseline" 'BEGIN {
    split(r, x, " "); split(b, y, " ");
    printf "%-58s %10.0f %9.2f %10.2f %9.2f\n", n, x[1], x[2], x[1] / y[1], x[2] / y[2] }'
}

# start_repman LABDIR LABBASE: repman on a lab (its env sourced), waits until the primary is seen; sets token, check, api.
start_repman() {
  local lab_dir="$1" lab_base="$2" api_port http_port
  if [[ -n "$repman_pid" ]]; then kill "$repman_pid"; wait "$repman_pid" 2>/dev/null || true; repman_pid=""; fi
  api_port="$(free_port)"
  http_port="$(free_port)"
  # shellcheck disable=SC1090 # lab.env is written by lab/lab.sh up
  source <(REPMAN_LAB_DIR="$lab_dir" REPMAN_LAB_BASE="$lab_base" "$ROOT/lab/lab.sh" env)
  rm -rf "$WORK_DIR/data"
  write_repman_config "$WORK_DIR" "$api_port" "$http_port" "$PASSWORD"
  dotnet "$ROOT/artifacts/bin/ReplicationManager.Server/release/replication-manager.dll" --config "$WORK_DIR/config.toml" \
    >"$WORK_DIR/repman.log" 2>&1 &
  repman_pid=$!
  check="http://127.0.0.1:$http_port"
  api="https://127.0.0.1:$api_port"
  primary="${LAB_HOSTS%%,*}"
  wait_for "$check/api/clusters/lab/servers/$primary/3306/is-master" '200 -Valid Master!'
  token="$(curl -ks -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$api/api/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
}

# fleet_rows: the 3-host figures of the topology routes and is-master against the same with 60 hosts watched.
fleet_rows() {
  local servers3="$1" master3="$2" is_master3="$3" hosts servers master is_master
  start_repman "$BENCH_LAB_DIR" 100
  hosts="$(tr ',' '\n' <<<"$LAB_HOSTS" | wc -l)"
  # Every server seen once (a full reading) before measuring.
  sleep 3
  servers="$(measure "$api/api/clusters/lab/topology/servers" -H "Authorization: Bearer $token")"
  master="$(measure "$api/api/clusters/lab/topology/master" -H "Authorization: Bearer $token")"
  is_master="$(measure "$check/api/clusters/lab/servers/$primary/3306/is-master")"
  local size
  size="$(curl -ks -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" "$api/api/clusters/lab/topology/servers")"
  row "GET .../topology/servers, $hosts hosts (vs 3)" "$servers" "$servers3"
  row "GET .../topology/master, $hosts hosts (vs 3)" "$master" "$master3"
  row "GET .../is-master (check port), $hosts hosts (vs 3)" "$is_master" "$is_master3"
  # The servers list grows with the fleet: its requests per second fall as its size grows; its bytes per second should not.
  awk -v a="${servers3%% *}" -v b="${servers%% *}" -v sa="$SERVERS_SIZE3" -v sb="$size" 'BEGIN {
    printf "topology/servers body: %d bytes at 3 hosts, %d at %d hosts; %.1f MB/s at 3 hosts, %.1f MB/s at %d (%.2fx)\n",
      sa, sb, '"$hosts"', a * sa / 1e6, b * sb / 1e6, '"$hosts"', (b * sb) / (a * sa) }'
}

main() {
  trap cleanup EXIT
  ensure_wrk
  # Only the database hosts matter here (not sshd): the primary up and its replicas replicating.
  local lab_status
  lab_status="$("$ROOT/lab/lab.sh" status 2>/dev/null || true)"
  grep -qE '^db1 .* up primary' <<<"$lab_status" || { say "the lab is not up: run lab/lab.sh up"; exit 1; }
  say "building repman (Release)"
  dotnet build "$ROOT/src/ReplicationManager.Server" -c Release -v quiet -nologo -clp:NoSummary >&2

  start_repman "${REPMAN_LAB_DIR:-/tmp/repman-lab}" "${REPMAN_LAB_BASE:-10}"

  say "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION_S}s per route"
  local status_http is_master status_https servers master
  status_http="$(measure "$check/api/status")"
  is_master="$(measure "$check/api/clusters/lab/servers/$primary/3306/is-master")"
  status_https="$(measure "$api/api/status")"
  servers="$(measure "$api/api/clusters/lab/topology/servers" -H "Authorization: Bearer $token")"
  master="$(measure "$api/api/clusters/lab/topology/master" -H "Authorization: Bearer $token")"
  SERVERS_SIZE3="$(curl -ks -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" "$api/api/clusters/lab/topology/servers")"

  printf '%-58s %10s %9s %10s %9s\n' "route" "req/s" "p99 ms" "rps ratio" "p99 ratio"
  row "GET /api/status (check port, baseline)" "$status_http" "$status_http"
  row "GET .../servers/$primary/3306/is-master (check port)" "$is_master" "$status_http"
  row "GET /api/status (HTTPS, baseline)" "$status_https" "$status_https"
  row "GET /api/clusters/lab/topology/servers (HTTPS, JWT)" "$servers" "$status_https"
  row "GET /api/clusters/lab/topology/master (HTTPS, JWT)" "$master" "$status_https"
  if [[ -f "$BENCH_LAB_DIR/lab.env" ]]; then
    fleet_rows "$servers" "$master" "$is_master"
  else
    say "no bench lab in $BENCH_LAB_DIR: the fleet figures need it (bench/run.sh starts it)"
  fi
}

main "$@"
