#!/usr/bin/env bash
# The repman lab: real MariaDB hosts on loopback addresses, one sshd on port 22 of each.
#
# Host N (1-based) is 127.0.0.(BASE+N) with port 3306, extra_port 3307 and server_id BASE+N; BASE is
# $REPMAN_LAB_BASE (default 10), so a second lab (benchmarks) can run beside the test lab with its own addresses.
# Host 1 is the primary of the lab topology; the others replicate from it with GTID.
# HAProxy listens on 127.0.0.BASE: writes on 3306 (to host 1 until repman moves them), reads on 3307, its runtime
# API on 1999. With REPMAN_LAB_SEMISYNC=1 when the hosts are made, replication is semi-synchronous (AFTER_SYNC).
# Every process the lab starts is recorded by PID under $REPMAN_LAB_DIR and stopped by that PID.
#
# Usage: lab/lab.sh COMMAND [ARGS]
#   up [N]        install what is missing, start N hosts (default 3) and sshd; idempotent
#   down          stop every lab process (data kept)
#   destroy       down, then delete the lab directory
#   status        print each host; exit 0 only when every host is up and replicating
#   kill HOST     SIGKILL the server          stop HOST     clean shutdown
#   start HOST    start a stopped server      restart HOST  stop then start
#   fresh HOST [MB]  (re)create HOST as an empty standalone server, outside the topology; with MB, its folder
#                 (data directory and all) is a tmpfs of that size, a host whose disk is nearly full
#   drop HOST     stop HOST and delete its data (fresh hosts only)
#   env           print the facts tests need (KEY=VALUE, also kept in $REPMAN_LAB_DIR/lab.env)
#   sql HOST SQL  run SQL on HOST as the local root user (through the socket)
# HOST is an index (2), an address (127.0.0.12) or a name (db2).
#
# Exit codes: 0 ok, 1 failure, 2 usage error.
set -Eeuo pipefail

readonly LAB_DIR="${REPMAN_LAB_DIR:-/tmp/repman-lab}"
readonly BASE="${REPMAN_LAB_BASE:-10}"
readonly PORT=3306
readonly EXTRA_PORT=3307
readonly SSH_PORT=22
readonly REPMAN_USER=repman
readonly REPMAN_PASSWORD='repman-lab-Pa55'
readonly REPL_USER=repl
readonly REPL_PASSWORD='repl-lab-Pa55'
readonly PACKAGES=(mariadb-server mariadb-client mariadb-backup socat openssh-server mydumper restic haproxy openssl shellcheck chromium prometheus python3-whisper graphite-web psmisc)
readonly HAPROXY_WRITE_PORT=3306
readonly HAPROXY_READ_PORT=3307
readonly HAPROXY_API_PORT=1999
readonly SEMISYNC="${REPMAN_LAB_SEMISYNC:-0}"
readonly START_TIMEOUT_S=60
readonly STOP_TIMEOUT_S=60

say() { printf 'lab: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

host_address() { printf '127.0.0.%d' "$((BASE + $1))"; }
host_dir() { printf '%s/hosts/db%d' "$LAB_DIR" "$1"; }

# Resolves an index, an address or a name to the host index.
host_index() {
  local spec="$1"
  case "$spec" in
    db[0-9]*) spec="${spec#db}" ;;
    127.0.0.*) spec="$(( ${spec##*.} - BASE ))" ;;
  esac
  if ! [[ "$spec" =~ ^[0-9]+$ ]] || (( spec < 1 || spec + BASE > 254 )); then
    say "unknown host '$1' (use 2, db2 or 127.0.0.12)"
    exit 2
  fi
  printf '%d' "$spec"
}

# Indexes of every host that has a directory, in order.
known_hosts() {
  local dir
  for dir in "$LAB_DIR"/hosts/db*; do
    [[ -d "$dir" ]] && printf '%s\n' "${dir##*/db}"
  done | sort -n
}

topology_hosts() {
  local index
  for index in $(known_hosts); do
    [[ -f "$(host_dir "$index")/fresh" ]] || printf '%s\n' "$index"
  done
}

# A PID is alive when /proc has it and it is not a zombie (this sandbox reaps late).
pid_alive() {
  local pid="$1" state
  [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

recorded_pid() { if [[ -f "$1" ]]; then cat "$1"; fi; }
server_pid() { recorded_pid "$(host_dir "$1")/mariadbd.pid"; }
server_alive() { pid_alive "$(server_pid "$1")"; }

wait_gone() {
  local pid="$1" deadline=$((SECONDS + STOP_TIMEOUT_S))
  while pid_alive "$pid"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.05
  done
}

client() {
  local index="$1"; shift
  mariadb --no-defaults --protocol=socket -S "$(host_dir "$index")/mariadbd.sock" -uroot --batch "$@"
}

install_packages() {
  local missing=() pkg created_policy=0
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  (( ${#missing[@]} == 0 )) && return 0
  (( EUID == 0 )) || die "missing packages: ${missing[*]}; run as root or install them"
  say "installing ${missing[*]}"
  # No system service may start during the install: the lab runs its own processes.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  if [[ ! -f "$LAB_DIR/.apt-updated" ]]; then
    apt-get update -qq
    mkdir -p "$LAB_DIR" && touch "$LAB_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  (( created_policy == 0 )) || rm -f /usr/sbin/policy-rc.d
}

make_ca() {
  local tls="$LAB_DIR/tls"
  [[ -f "$tls/ca.pem" ]] && return 0
  mkdir -p "$tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj '/CN=repman lab CA' -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" 2>/dev/null
}

make_server_cert() {
  local index="$1" dir address
  dir="$(host_dir "$index")"
  address="$(host_address "$index")"
  [[ -f "$dir/server-cert.pem" ]] && return 0
  local output
  output="$(openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$address" \
    -keyout "$dir/server-key.pem" -out "$dir/server.csr" 2>&1)" || die "db$index: certificate request failed: $output"
  # Hosts are made in parallel: a random serial each, since one shared -CAcreateserial file is corrupted by
  # concurrent signings (a2i_ASN1_INTEGER:short line).
  output="$(openssl x509 -req -in "$dir/server.csr" -CA "$LAB_DIR/tls/ca.pem" -CAkey "$LAB_DIR/tls/ca-key.pem" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -extfile <(printf 'subjectAltName=IP:%s\n' "$address") \
    -out "$dir/server-cert.pem" 2>&1)" || die "db$index: signing its certificate failed: $output"
  rm -f "$dir/server.csr"
}

write_server_config() {
  local index="$1" dir address
  dir="$(host_dir "$index")"
  address="$(host_address "$index")"
  cat > "$dir/my.cnf" <<EOF
[mariadbd]
user = mysql
datadir = $dir/data
tmpdir = $dir/tmp
socket = $dir/mariadbd.sock
pid_file = $dir/data/mariadbd.pid
bind_address = $address
port = $PORT
extra_port = $EXTRA_PORT
extra_max_connections = 10
server_id = $((BASE + index))
report_host = $address
report_port = $PORT
log_error = $dir/error.log
slow_query_log = 1
slow_query_log_file = $dir/slow.log
long_query_time = 1
log_bin = $dir/data/binlog
binlog_format = ROW
log_slave_updates = 1
gtid_strict_mode = 1
max_allowed_packet = 64M
performance_schema = OFF
skip_name_resolve = 1
innodb_buffer_pool_size = 32M
innodb_log_file_size = 16M
innodb_flush_log_at_trx_commit = 2
sync_binlog = 0
ssl_ca = $LAB_DIR/tls/ca.pem
ssl_cert = $dir/server-cert.pem
ssl_key = $dir/server-key.pem
EOF
  if [[ "$SEMISYNC" == 1 ]]; then
    # Both roles on every host, so that any of them can be promoted; a restarted old primary truncates the
    # transactions no replica acknowledged (slave role on at start). A host without semi-synchronous replicas
    # must not wait: with wait_no_slave ON, a replica's first replicated commit (log_slave_updates) would stall
    # for the whole timeout. STOP SLAVE connects to the source to end its dump thread: against a hung source, 1 s.
    cat >> "$dir/my.cnf" <<EOF
rpl_semi_sync_master_enabled = 1
rpl_semi_sync_slave_enabled = 1
rpl_semi_sync_master_wait_point = AFTER_SYNC
rpl_semi_sync_master_timeout = 2000
rpl_semi_sync_master_wait_no_slave = 0
rpl_semi_sync_slave_kill_conn_timeout = 1
EOF
  fi
}

start_server() {
  local index="$1" dir pid deadline
  dir="$(host_dir "$index")"
  server_alive "$index" && return 0
  rm -f "$dir/mariadbd.sock"
  setsid /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" </dev/null >>"$dir/stdout.log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" > "$dir/mariadbd.pid"
  deadline=$((SECONDS + START_TIMEOUT_S))
  until client "$index" -e 'SELECT 1' >/dev/null 2>&1; do
    pid_alive "$pid" || die "db$index exited at start; see $dir/error.log: $(tail -n 5 "$dir/error.log" 2>/dev/null)"
    (( SECONDS < deadline )) || die "db$index not ready after ${START_TIMEOUT_S}s; see $dir/error.log"
    sleep 0.05
  done
}

stop_server() {
  local index="$1" signal="$2" pid
  pid="$(server_pid "$index")"
  if pid_alive "$pid"; then
    kill "-$signal" "$pid"
    wait_gone "$pid" || { say "db$index did not stop in ${STOP_TIMEOUT_S}s; killing"; kill -KILL "$pid"; wait_gone "$pid" || true; }
  fi
  rm -f "$(host_dir "$index")/mariadbd.sock"
}

# A replica killed while it applies a replicated DDL gets, at restart, a DROP TABLE from MariaDB's DDL recovery
# binlogged under its own server id: an errant GTID that stops its replication. So a replica is killed only once it
# has applied what the primary wrote (up to 10 s; then it is killed anyway).
wait_caught_up() {
  local index="$1" primary replica deadline=$((SECONDS + 10))
  [[ "$index" != 1 && ! -f "$(host_dir "$index")/fresh" ]] && server_alive "$index" && server_alive 1 || return 0
  primary="$(client 1 -N -e 'SELECT @@gtid_binlog_pos' 2>/dev/null || true)"
  while (( SECONDS < deadline )); do
    replica="$(client "$index" -N -e 'SELECT @@gtid_slave_pos' 2>/dev/null || true)"
    [[ -z "$primary" || "$replica" == "$primary" ]] && return 0
    sleep 0.05
  done
}

# A replica just created or started reports its IO thread "Connecting" for a moment; "up" reports the settled state,
# so it waits (up to START_TIMEOUT_S) for both threads and otherwise names the host and the replication error.
wait_replicating() {
  local index="$1" io sql errors deadline=$((SECONDS + START_TIMEOUT_S))
  while true; do
    read -r io sql < <(client "$index" -e 'SHOW SLAVE STATUS\G' 2>/dev/null |
      awk -F': ' '/Slave_IO_Running:/{io=$2} /Slave_SQL_Running:/{sql=$2} END{print io" "sql}') || true
    [[ -z "$io" || ( "$io" == Yes && "$sql" == Yes ) ]] && return 0
    (( SECONDS < deadline )) || break
    sleep 0.1
  done
  errors="$(client "$index" -e 'SHOW SLAVE STATUS\G' 2>/dev/null | awk -F': ' '/Last_(IO|SQL)_Error: ./{print $2}' | tr '\n' ' ')"
  say "db$index replication not running after ${START_TIMEOUT_S}s (io=$io sql=$sql): ${errors:-no error reported}"
  return 1
}

# Users are created without binlog so that every host starts with an empty GTID history.
create_users() {
  client "$1" <<EOF
SET SESSION sql_log_bin = 0;
CREATE USER IF NOT EXISTS '$REPMAN_USER'@'%' IDENTIFIED BY '$REPMAN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$REPMAN_USER'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS '$REPL_USER'@'%' IDENTIFIED BY '$REPL_PASSWORD';
GRANT REPLICATION SLAVE, REPLICATION SLAVE ADMIN, BINLOG MONITOR ON *.* TO '$REPL_USER'@'%';
EOF
}

replicate_from_primary() {
  client "$1" <<EOF
CHANGE MASTER TO MASTER_HOST='$(host_address 1)', MASTER_PORT=$PORT, MASTER_USER='$REPL_USER',
  MASTER_PASSWORD='$REPL_PASSWORD', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1;
START SLAVE;
SET GLOBAL read_only = 1;
EOF
}

# Creates, starts and initialises one host; $2 says whether it joins the topology.
create_host() {
  local index="$1" role="$2" dir
  dir="$(host_dir "$index")"
  mkdir -p "$dir"
  [[ "$role" == fresh ]] && touch "$dir/fresh"
  mkdir -p "$dir/data" "$dir/tmp"
  make_server_cert "$index"
  write_server_config "$index"
  chown -R mysql:mysql "$dir"
  chmod 755 "$dir"
  mariadb-install-db --defaults-file="$dir/my.cnf" --auth-root-authentication-method=socket \
    --skip-test-db >"$dir/install.log" 2>&1 || die "mariadb-install-db failed for db$index; see $dir/install.log"
  start_server "$index"
  create_users "$index"
  [[ "$role" == replica ]] && replicate_from_primary "$index"
  touch "$dir/initialized"
}

# sshd listens on at most 16 addresses, so the hosts are served by one sshd per group of 16.
readonly SSHD_GROUP=16

ssh_groups() {
  local count
  count="$(known_hosts | wc -l)"
  printf '%d' "$(( (count + SSHD_GROUP - 1) / SSHD_GROUP ))"
}

ssh_config() {
  local ssh="$LAB_DIR/ssh" group="$1" index
  {
    printf 'Port %d\n' "$SSH_PORT"
    for index in $(known_hosts | sed -n "$((group * SSHD_GROUP + 1)),$(((group + 1) * SSHD_GROUP))p"); do
      printf 'ListenAddress %s\n' "$(host_address "$index")"
    done
    cat <<EOF
HostKey $ssh/host_ed25519
PidFile $ssh/sshd.$group.pid
AuthorizedKeysFile $ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
EOF
    # Each host's job script gets its own state folder and the lab's commands to stop and start its server.
    for index in $(known_hosts | sed -n "$((group * SSHD_GROUP + 1)),$(((group + 1) * SSHD_GROUP))p"); do
      host_environment "$index"
    done
  } > "$ssh/sshd_config.$group"
}

host_environment() {
  local index="$1" lab
  lab="$(readlink -f "$0")"
  printf 'Match LocalAddress %s\n' "$(host_address "$index")"
  printf '  SetEnv REPMAN_LAB_DIR=%s REPMAN_LAB_BASE=%d DBJOBS_STATE_DIR=%s/dbjobs DBJOBS_MIN_FREE_MB=64' \
    "$LAB_DIR" "$BASE" "$(host_dir "$index")"
  printf ' "DBJOBS_%s_COMMAND=%s %s db%d"' STOP "$lab" stop "$index" START "$lab" start "$index" RESTART "$lab" restart "$index"
  printf '\n'
}

start_sshd() {
  local ssh="$LAB_DIR/ssh" pid group groups index
  (( EUID == 0 )) || { say "not root: no sshd on port $SSH_PORT"; return 0; }
  mkdir -p "$ssh" /run/sshd
  chmod 700 "$ssh"
  [[ -f "$ssh/host_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -f "$ssh/host_ed25519"
  [[ -f "$ssh/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C 'repman lab' -f "$ssh/id_ed25519"
  cp "$ssh/id_ed25519.pub" "$ssh/authorized_keys"
  # Labs made before sshd was split into groups kept a single sshd.lab.pid.
  if [[ -f "$ssh/sshd.lab.pid" ]]; then
    pid="$(recorded_pid "$ssh/sshd.lab.pid")"
    if pid_alive "$pid"; then kill -TERM "$pid"; wait_gone "$pid" || true; fi
    rm -f "$ssh/sshd.lab.pid"
  fi
  groups="$(ssh_groups)"
  for ((group = 0; group < groups; group++)); do
    ssh_config "$group"
    pid="$(recorded_pid "$ssh/sshd.lab.$group.pid")"
    if pid_alive "$pid"; then
      # A new host needs a new ListenAddress: sshd rereads its config on SIGHUP.
      kill -HUP "$pid"
    else
      setsid /usr/sbin/sshd -D -f "$ssh/sshd_config.$group" -E "$ssh/sshd.log" </dev/null >/dev/null 2>&1 &
      printf '%s\n' "$!" > "$ssh/sshd.lab.$group.pid"
    fi
  done
  {
    for index in $(known_hosts); do
      printf '%s %s\n' "$(host_address "$index")" "$(cut -d' ' -f1,2 "$ssh/host_ed25519.pub")"
    done
  } > "$ssh/known_hosts"
  wait_for_ssh
}

wait_for_ssh() {
  local index deadline=$((SECONDS + 10))
  for index in $(known_hosts); do
    until (exec 3<>"/dev/tcp/$(host_address "$index")/$SSH_PORT") 2>/dev/null; do
      (( SECONDS < deadline )) || die "sshd not listening on $(host_address "$index"):$SSH_PORT; see $LAB_DIR/ssh/sshd.log"
      sleep 0.05
    done
  done
}

sshd_pids() {
  local file
  for file in "$LAB_DIR"/ssh/sshd.lab*.pid; do
    if [[ -f "$file" ]]; then recorded_pid "$file"; fi
  done
}

stop_sshd() {
  local pid
  for pid in $(sshd_pids); do
    if pid_alive "$pid"; then kill -TERM "$pid"; wait_gone "$pid" || true; fi
  done
}

haproxy_address() { printf '127.0.0.%d' "$BASE"; }

# The write backend's one server ("leader", as replication-manager names it) starts on host 1; repman moves it
# through the runtime API. Read servers are matched by address, so their names are free.
haproxy_config() {
  local index address
  address="$(haproxy_address)"
  cat <<EOF
global
  stats socket ipv4@$address:$HAPROXY_API_PORT level admin
  maxconn 2000
defaults
  mode tcp
  timeout connect 2s
  timeout client 1h
  timeout server 1h
frontend my_write_frontend
  bind $address:$HAPROXY_WRITE_PORT
  default_backend service_write
frontend my_read_frontend
  bind $address:$HAPROXY_READ_PORT
  default_backend service_read
backend service_write
  server leader $(host_address 1):$PORT check inter 1s fall 2 rise 1
backend service_read
  balance leastconn
EOF
  for index in $(topology_hosts); do
    printf '  server db%d %s:%d check inter 1s fall 2 rise 1\n' "$index" "$(host_address "$index")" "$PORT"
  done
}

start_haproxy() {
  local dir="$LAB_DIR/haproxy" pid deadline
  command -v haproxy >/dev/null || { say "haproxy not installed: no proxy"; return 0; }
  mkdir -p "$dir"
  pid="$(recorded_pid "$dir/haproxy.pid")"
  pid_alive "$pid" && return 0
  haproxy_config > "$dir/haproxy.cfg"
  haproxy -c -q -f "$dir/haproxy.cfg" || die "haproxy: $dir/haproxy.cfg is invalid"
  if id haproxy >/dev/null 2>&1 && (( EUID == 0 )); then
    setsid setpriv --reuid=haproxy --regid=haproxy --clear-groups haproxy -db -f "$dir/haproxy.cfg" </dev/null >>"$dir/haproxy.log" 2>&1 &
  else
    setsid haproxy -db -f "$dir/haproxy.cfg" </dev/null >>"$dir/haproxy.log" 2>&1 &
  fi
  printf '%s\n' "$!" > "$dir/haproxy.pid"
  deadline=$((SECONDS + 10))
  until (exec 3<>"/dev/tcp/$(haproxy_address)/$HAPROXY_API_PORT") 2>/dev/null; do
    pid_alive "$(recorded_pid "$dir/haproxy.pid")" || die "haproxy exited at start; see $dir/haproxy.log: $(tail -n 5 "$dir/haproxy.log")"
    (( SECONDS < deadline )) || die "haproxy not listening on $(haproxy_address):$HAPROXY_API_PORT; see $dir/haproxy.log"
    sleep 0.05
  done
}

stop_haproxy() {
  local pid
  pid="$(recorded_pid "$LAB_DIR/haproxy/haproxy.pid")"
  if pid_alive "$pid"; then kill -TERM "$pid"; wait_gone "$pid" || true; fi
}

write_env() {
  local index hosts=() fresh=()
  for index in $(known_hosts); do
    if [[ -f "$(host_dir "$index")/fresh" ]]; then fresh+=("$(host_address "$index")"); else hosts+=("$(host_address "$index")"); fi
  done
  {
    printf 'LAB_DIR=%s\n' "$LAB_DIR"
    printf 'LAB_BASE=%d\n' "$BASE"
    printf 'LAB_SCRIPT=%s\n' "$(readlink -f "$0")"
    printf 'LAB_HOSTS=%s\n' "$(IFS=,; printf '%s' "${hosts[*]}")"
    printf 'LAB_FRESH_HOSTS=%s\n' "$(IFS=,; printf '%s' "${fresh[*]:-}")"
    printf 'LAB_PRIMARY=%s\n' "$(host_address 1)"
    printf 'LAB_PORT=%d\nLAB_EXTRA_PORT=%d\nLAB_SSH_PORT=%d\n' "$PORT" "$EXTRA_PORT" "$SSH_PORT"
    printf 'LAB_REPMAN_USER=%s\nLAB_REPMAN_PASSWORD=%s\n' "$REPMAN_USER" "$REPMAN_PASSWORD"
    printf 'LAB_REPL_USER=%s\nLAB_REPL_PASSWORD=%s\n' "$REPL_USER" "$REPL_PASSWORD"
    printf 'LAB_TLS_CA=%s\n' "$LAB_DIR/tls/ca.pem"
    printf 'LAB_HAPROXY_ADDRESS=%s\nLAB_HAPROXY_WRITE_PORT=%d\nLAB_HAPROXY_READ_PORT=%d\nLAB_HAPROXY_API_PORT=%d\n' \
      "$(haproxy_address)" "$HAPROXY_WRITE_PORT" "$HAPROXY_READ_PORT" "$HAPROXY_API_PORT"
    printf 'LAB_SEMISYNC=%s\n' "$SEMISYNC"
    printf 'LAB_SSH_USER=root\nLAB_SSH_KEY=%s\nLAB_SSH_KNOWN_HOSTS=%s\n' "$LAB_DIR/ssh/id_ed25519" "$LAB_DIR/ssh/known_hosts"
    for index in $(known_hosts); do
      printf 'LAB_DB%d_ADDRESS=%s\n' "$index" "$(host_address "$index")"
      printf 'LAB_DB%d_DATADIR=%s\n' "$index" "$(host_dir "$index")/data"
      printf 'LAB_DB%d_SOCKET=%s\n' "$index" "$(host_dir "$index")/mariadbd.sock"
      printf 'LAB_DB%d_ERROR_LOG=%s\n' "$index" "$(host_dir "$index")/error.log"
      printf 'LAB_DB%d_SLOW_LOG=%s\n' "$index" "$(host_dir "$index")/slow.log"
      printf 'LAB_DB%d_CNF=%s\n' "$index" "$(host_dir "$index")/my.cnf"
    done
  } > "$LAB_DIR/lab.env.$$"
  # Tests read lab.env at any time: replace it in one step.
  mv -f "$LAB_DIR/lab.env.$$" "$LAB_DIR/lab.env"
}

cmd_up() {
  local count="${1:-3}" index pids=() pid
  if ! [[ "$count" =~ ^[0-9]+$ ]] || (( count < 1 || count > 100 || count + BASE > 254 )); then
    say "up: N must be 1..100 and fit in 127.0.0.$((BASE + 1))-254"
    exit 2
  fi
  install_packages
  mkdir -p "$LAB_DIR/hosts"
  chmod 755 "$LAB_DIR"
  make_ca
  # Existing hosts only need starting; their replication resumes by itself.
  # Hosts made by "fresh" are another command's business (it may be creating one right now); an unfinished
  # topology host is the leftover of an interrupted "up" and is made again below.
  for index in $(topology_hosts); do
    if [[ -f "$(host_dir "$index")/initialized" ]]; then
      start_server "$index" & pids+=($!)
    else
      rm -rf "$(host_dir "$index")"
    fi
  done
  for index in $(known_hosts); do
    if [[ -f "$(host_dir "$index")/fresh" && -f "$(host_dir "$index")/initialized" ]]; then
      start_server "$index" & pids+=($!)
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  [[ -f "$(host_dir 1)/initialized" ]] || create_host 1 primary
  pids=()
  for ((index = 2; index <= count; index++)); do
    [[ -f "$(host_dir "$index")/initialized" ]] || { create_host "$index" replica & pids+=($!); }
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  start_sshd
  start_haproxy
  write_env
  pids=()
  for index in $(topology_hosts); do wait_replicating "$index" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  cmd_status
}

cmd_down() {
  local index pids=() pid
  for index in $(known_hosts); do stop_server "$index" TERM & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  stop_sshd
  stop_haproxy
  say "down"
}

cmd_destroy() {
  local dir
  [[ -d "$LAB_DIR" ]] || return 0
  cmd_down
  for dir in "$LAB_DIR"/hosts/db*; do
    if mountpoint -q "$dir"; then unmount_host_dir "${dir##*/db}" "$dir"; fi
  done
  rm -rf "$LAB_DIR"
  say "destroyed $LAB_DIR"
}

host_status() {
  local index="$1" address role io sql lag
  address="$(host_address "$index")"
  if ! server_alive "$index"; then
    printf 'db%d %s down\n' "$index" "$address"
    return 1
  fi
  if [[ -f "$(host_dir "$index")/fresh" ]]; then
    printf 'db%d %s up standalone (fresh)\n' "$index" "$address"
    return 0
  fi
  read -r io sql lag < <(client "$index" -e 'SHOW SLAVE STATUS\G' 2>/dev/null |
    awk -F': ' '/Slave_IO_Running:/{io=$2} /Slave_SQL_Running:/{sql=$2} /Seconds_Behind_Master:/{lag=$2} END{print io" "sql" "lag}') || true
  if [[ -z "$io" ]]; then
    role=primary
    printf 'db%d %s up %s\n' "$index" "$address" "$role"
    return 0
  fi
  printf 'db%d %s up replica io=%s sql=%s lag=%s\n' "$index" "$address" "$io" "$sql" "${lag:-?}"
  [[ "$io" == Yes && "$sql" == Yes ]]
}

cmd_status() {
  local index healthy=0 any=0
  for index in $(known_hosts); do
    any=1
    host_status "$index" || healthy=1
  done
  (( any == 1 )) || { printf 'no lab hosts in %s\n' "$LAB_DIR"; return 1; }
  local pid sshd_up=0 sshd_down=0
  for pid in $(sshd_pids); do
    if pid_alive "$pid"; then sshd_up=$((sshd_up + 1)); else sshd_down=$((sshd_down + 1)); fi
  done
  if (( sshd_up > 0 && sshd_down == 0 )); then
    printf 'sshd up on port %d of every lab address\n' "$SSH_PORT"
  elif (( EUID == 0 )); then
    printf 'sshd down\n'; healthy=1
  fi
  return "$healthy"
}

require_host() {
  local index
  index="$(host_index "$1")"
  [[ -f "$(host_dir "$index")/initialized" ]] || die "db$index ($(host_address "$index")) is not a lab host"
  printf '%d' "$index"
}

cmd_fresh() {
  local index size="${2:-}"
  index="$(host_index "$1")"
  (( index != 1 )) || die "db1 is the topology's primary; choose another host"
  [[ -z "$size" || "$size" =~ ^[1-9][0-9]{0,5}$ ]] || die "the size is in MB (1 to 999999): '$size'"
  install_packages
  mkdir -p "$LAB_DIR/hosts"
  make_ca
  if [[ -d "$(host_dir "$index")" ]]; then
    stop_server "$index" KILL
    remove_host_dir "$index"
  fi
  if [[ -n "$size" ]]; then
    mkdir -p "$(host_dir "$index")"
    mount -t tmpfs -o "size=${size}m,mode=755" "repman-lab-db$index" "$(host_dir "$index")" ||
      die "cannot mount a ${size} MB tmpfs for db$index (needs root and mount rights)"
  fi
  create_host "$index" fresh
  start_sshd
  write_env
  host_status "$index"
}

cmd_drop() {
  local index
  index="$(require_host "$1")"
  [[ -f "$(host_dir "$index")/fresh" ]] || die "db$index is part of the topology; only fresh hosts can be dropped"
  stop_server "$index" KILL
  end_dump_threads "$((BASE + index))"
  remove_host_dir "$index"
  write_env
}

# A replica killed leaves its binlog dump thread on its source, listed by SHOW SLAVE HOSTS, until the source next
# writes to it (an event, or a heartbeat: up to 30 s by default). A dropped host's source rotates its binary log, which
# writes to every dump thread, and the dead one ends: the host is gone from the source at once.
end_dump_threads() {
  local server_id="$1" index deadline
  for index in $(topology_hosts); do
    server_alive "$index" || continue
    deadline=$((SECONDS + 10))
    while client "$index" -N -e 'SHOW SLAVE HOSTS' 2>/dev/null | awk -v id="$server_id" '$1 == id { found = 1 } END { exit !found }'; do
      (( SECONDS < deadline )) || { say "db$index still lists server $server_id among its replicas"; return 1; }
      client "$index" -e 'FLUSH NO_WRITE_TO_BINLOG BINARY LOGS' >/dev/null 2>&1 || true
      sleep 0.1
    done
  done
}

# A host's folder, unmounted first when it is a size-limited host's tmpfs.
remove_host_dir() {
  local dir
  dir="$(host_dir "$1")"
  if mountpoint -q "$dir"; then unmount_host_dir "$1" "$dir"; fi
  rm -rf "$dir"
}

# A job script may still be cleaning up in the folder (a refused reseed removes its half-made directory after repman
# has already ended the job): wait for it (bounded), then fail naming what holds the mount.
unmount_host_dir() {
  local index="$1" dir="$2" deadline=$((SECONDS + STOP_TIMEOUT_S))
  until umount "$dir" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      say "db$index: cannot unmount $dir after ${STOP_TIMEOUT_S}s; it is held by:"
      fuser -vm "$dir" >&2 || true
      return 1
    fi
    sleep 0.1
  done
}

main() {
  local command="${1:-}"
  (( $# > 0 )) && shift
  case "$command" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    destroy) cmd_destroy ;;
    status) cmd_status ;;
    kill) (( $# == 1 )) || usage; local k; k="$(require_host "$1")"; wait_caught_up "$k"; stop_server "$k" KILL ;;
    stop) (( $# == 1 )) || usage; stop_server "$(require_host "$1")" TERM ;;
    start) (( $# == 1 )) || usage; start_server "$(require_host "$1")" ;;
    restart) (( $# == 1 )) || usage; local i; i="$(require_host "$1")"; stop_server "$i" TERM; start_server "$i" ;;
    fresh) (( $# == 1 || $# == 2 )) || usage; cmd_fresh "$@" ;;
    drop) (( $# == 1 )) || usage; cmd_drop "$1" ;;
    env) [[ -f "$LAB_DIR/lab.env" ]] || die "no lab in $LAB_DIR; run: lab/lab.sh up"; cat "$LAB_DIR/lab.env" ;;
    sql) (( $# == 2 )) || usage; client "$(require_host "$1")" -e "$2" ;;
    ""|-h|--help|help) usage ;;
    *) say "unknown command '$command'"; usage ;;
  esac
}

main "$@"
