# shellcheck shell=bash
# Sourced by the benchmarks that run the real executable on the lab: a free loopback port and the configuration
# of a "lab" cluster with its API and check port on loopback. Needs the lab's environment (lab/lab.sh env) loaded.

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
