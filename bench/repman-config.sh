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
