# shellcheck shell=bash
# Sourced by the benchmarks that run the real executable on the lab: a free loopback port, the configuration of a
# "lab" cluster with its API and check port on loopback, and the data they add to the lab primary. Needs the lab's
# environment (lab/lab.sh env) loaded.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# write_repman_config DIR API_PORT HTTP_PORT ADMIN_PASSWORD [EXTRA_CLUSTER_LINES]: DIR/config.toml, data in DIR/data.
write_repman_config() {
  local dir="$1" api_port="$2" http_port="$3" password="$4" extra="${5:-}"
  cat >"$dir/config.toml" <<TOML
[Default]
monitoring-datadir = "$dir/data"
api-bind = "127.0.0.1"
api-port = $api_port
http-bind-address = "127.0.0.1"
http-port = $http_port
api-credentials = "admin:$password"
log-level = 1

[lab]
db-servers-hosts = "${LAB_HOSTS//,/:3306,}:3306"
db-servers-credential = "$LAB_REPMAN_USER:$LAB_REPMAN_PASSWORD"
replication-credential = "$LAB_REPL_USER:$LAB_REPL_PASSWORD"
monitoring-ticker = 1
$extra
TOML
}

now() { date +%s.%N; }

# wait_until WHAT LOG COMMAND...: runs COMMAND every 0.1 s until it succeeds (at most 30 s); else says WHAT did not
# start and where its log is, and fails.
wait_until() {
  local what="$1" log="$2" i
  shift 2
  for ((i = 0; i < 300; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  printf 'bench: %s did not start; see %s\n' "$what" "$log" >&2
  return 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

root_sql() { mariadb --socket="$LAB_DB1_SOCKET" -uroot --batch --skip-column-names -e "$1"; }

# Grows repman_bench.filler on the lab primary to GIB gibibytes of random rows of 1000 bytes (100 MB a statement),
# written with sql_log_bin=0: the replicas do not take it. The caller creates the table.
fill_to() {
  local gib="$1" rows have chunk=100000
  rows="$(awk -v g="$gib" 'BEGIN { printf "%d", g * 1073741824 / 1000 }')"
  have="$(root_sql "SELECT COALESCE(MAX(id), 0) FROM repman_bench.filler")"
  printf 'bench: data: rows %s -> %s (%s GiB of random bytes on the primary, not replicated)\n' "$have" "$rows" "$gib" >&2
  while ((have < rows)); do
    local upto=$((have + chunk > rows ? rows : have + chunk))
    root_sql "SET sql_log_bin = 0; INSERT INTO repman_bench.filler SELECT seq, RANDOM_BYTES(1000) FROM repman_bench.seq_$((have + 1))_to_$upto"
    have="$upto"
  done
}

# start_lab_repman DIR REPMAN_DLL PASSWORD CPUS EXTRA_CLUSTER_LINES: writes DIR/config.toml, starts repman (on the cores
# CPUS, all when empty), waits until it sees the lab primary, logs in. Sets repman_pid, api and token.
start_lab_repman() {
  local dir="$1" dll="$2" password="$3" cpus="$4" extra="$5" api_port http_port i
  api_port="$(free_port)"
  http_port="$(free_port)"
  write_repman_config "$dir" "$api_port" "$http_port" "$password" "$extra"
  if [[ -n "$cpus" ]]; then
    taskset -c "$cpus" dotnet "$dll" --config "$dir/config.toml" >"$dir/repman.log" 2>&1 &
  else
    dotnet "$dll" --config "$dir/config.toml" >"$dir/repman.log" 2>&1 &
  fi
  # shellcheck disable=SC2034 # read by the sourcing benchmark (its cleanup stops repman by this PID)
  repman_pid=$!
  api="https://127.0.0.1:$api_port"
  for ((i = 0; i < 300; i++)); do
    curl -s "http://127.0.0.1:$http_port/api/clusters/lab/servers/$LAB_PRIMARY/3306/is-master" | grep -q 'Valid Master' && break
    sleep 0.2
  done
  if ((i == 300)); then
    printf 'bench: repman did not see the primary; its log: %s\n' "$dir/repman.log" >&2
    return 1
  fi
  token="$(curl -ks -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$api/api/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
}

# lab_server_id HOST: the id repman gives the lab cluster's server on HOST:3306.
lab_server_id() {
  curl -ks -H "Authorization: Bearer $token" "$api/api/clusters/lab/topology/servers" |
    python3 -c 'import json, sys; print(next(s["id"] for s in json.load(sys.stdin) if s["host"] == sys.argv[1]))' "$1"
}
