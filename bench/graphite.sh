#!/usr/bin/env bash
# Graphite benchmark: repman's embedded store against Debian's graphite tools on the same machine, in the same run.
#
#   ingest  points per second over carbon plaintext, from the first byte sent until every metric's file holds its
#           last point: repman's receiver against carbon-cache (graphite-carbon, no rate limits) as the baseline;
#           60 servers x 24 h at 10 s = 518,400 points, one TCP connection
#   render  latency of a 24 h render of the 60 servers' series (maxDataPoints 1000), median of 7: repman's
#           /graphite/render against graphite-web (Django's server) reading repman's own files as the baseline
#
# Usage: bench/graphite.sh   (no lab needed; installs graphite-carbon and graphite-web with apt-get when missing)
# Exit codes: 0 ok, 1 failure.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/repman-config.sh
source "$ROOT/bench/repman-config.sh"
readonly DLL="$ROOT/artifacts/bin/ReplicationManager.Server/release/replication-manager.dll"
readonly PASSWORD='bench-Pa55'
readonly SERVERS=60 POINTS=8640 STEP=10 RENDER_RUNS=7 STORE_TIMEOUT_S=300
WORK_DIR="$(mktemp -d /tmp/repman-graphite-bench.XXXXXX)"
readonly WORK_DIR
pids=()

say() { printf 'bench: %s\n' "$*" >&2; }

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

install_tools() {
  local missing=() pkg
  for pkg in graphite-carbon graphite-web python3-whisper; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The points: SERVERS metrics of POINTS points each ending now, oldest first, written once to a file.
write_points() {
  python3 - "$WORK_DIR/points.txt" "$SERVERS" "$POINTS" "$STEP" <<'PY'
import sys, time
path, servers, points, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
end = int(time.time()) // step * step - step
with open(path, "w") as out:
    for i in range(points):
        t = end - (points - 1 - i) * step
        out.write("".join(f"mysql.db{s:02d}.lag {(s + i) % 17} {t}\n" for s in range(servers)))
PY
}

# send PORT: the file over one connection; prints the second it started.
send() {
  local start
  start="$(now)"
  python3 -c 'import socket, sys; s = socket.create_connection(("127.0.0.1", int(sys.argv[1]))); s.sendall(open(sys.argv[2], "rb").read()); s.close()' "$1" "$WORK_DIR/points.txt"
  printf '%s' "$start"
}

# wait_stored DIR: until every server's file answers its last point (python3-whisper), up to STORE_TIMEOUT_S.
wait_stored() {
  local dir="$1" deadline=$((SECONDS + STORE_TIMEOUT_S)) last
  last="$(tail -n 1 "$WORK_DIR/points.txt" | awk '{print $3}')"
  while ((SECONDS < deadline)); do
    if /usr/bin/python3 - "$dir" "$SERVERS" "$last" <<'PY'
import os, sys, whisper
directory, servers, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for s in range(servers):
    path = os.path.join(directory, "mysql", f"db{s:02d}", "lag.wsp")
    if not os.path.exists(path):
        sys.exit(1)
    (start, end, step), values = whisper.fetch(path, last - 1, last + 1)
    if not any(v is not None for v in values):
        sys.exit(1)
sys.exit(0)
PY
    then
      now
      return 0
    fi
    sleep 0.2
  done
  say "points not stored within ${STORE_TIMEOUT_S} s in $dir"
  return 1
}

start_repman() {
  local api_port="$1" http_port="$2" carbon_port="$3" pickle_port="$4"
  cat >"$WORK_DIR/repman.toml" <<TOML
[Default]
monitoring-datadir = "$WORK_DIR/repman"
api-bind = "127.0.0.1"
api-port = $api_port
http-bind-address = "127.0.0.1"
http-port = $http_port
api-credentials = "admin:$PASSWORD"
log-level = 1
graphite-embedded = true
graphite-carbon-port = $carbon_port
graphite-carbon-pickle-port = $pickle_port
graphite-retention = "10s:2d"

[bench]
db-servers-hosts = "127.0.0.254:3306"
db-servers-credential = "repman:unused"
TOML
  dotnet "$DLL" --config "$WORK_DIR/repman.toml" >"$WORK_DIR/repman.log" 2>&1 &
  pids+=($!)
  wait_until repman "$WORK_DIR/repman.log" curl -sf "http://127.0.0.1:$http_port/api/status"
}

start_carbon() {
  local port="$1" pickle="$2" query="$3"
  mkdir -p "$WORK_DIR/carbon/whisper" "$WORK_DIR/carbon/log" "$WORK_DIR/carbon/run"
  cat >"$WORK_DIR/carbon/carbon.conf" <<CONF
[cache]
STORAGE_DIR = $WORK_DIR/carbon/
LOCAL_DATA_DIR = $WORK_DIR/carbon/whisper/
LOG_DIR = $WORK_DIR/carbon/log/
PID_DIR = $WORK_DIR/carbon/run/
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $port
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $pickle
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $query
LOG_UPDATES = False
ENABLE_TAGS = False
LOG_CREATES = False
LOG_LISTENER_CONN_SUCCESS = False
CONF
  printf '[bench]\npattern = .*\nretentions = 10s:2d\n' >"$WORK_DIR/carbon/storage-schemas.conf"
  printf '[default]\npattern = .*\nxFilesFactor = 0.5\naggregationMethod = average\n' >"$WORK_DIR/carbon/storage-aggregation.conf"
  carbon-cache --config="$WORK_DIR/carbon/carbon.conf" --nodaemon start >"$WORK_DIR/carbon/out.log" 2>&1 &
  pids+=($!)
  wait_until carbon-cache "$WORK_DIR/carbon/out.log" \
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$port"
}

start_graphite_web() {
  local port="$1" whisper="$2"
  mkdir -p "$WORK_DIR/web/log"
  cat >"$WORK_DIR/web/repman_bench_settings.py" <<PY
SECRET_KEY = 'repman-bench'
STORAGE_DIR = '$WORK_DIR/web'
WHISPER_DIR = '$whisper'
LOG_DIR = '$WORK_DIR/web/log'
INDEX_FILE = '$WORK_DIR/web/index'
DATABASES = {'default': {'NAME': '$WORK_DIR/web/graphite.db', 'ENGINE': 'django.db.backends.sqlite3'}}
LOG_RENDERING_PERFORMANCE = False
LOG_CACHE_PERFORMANCE = False
PY
  (cd "$WORK_DIR/web" && PYTHONPATH="$WORK_DIR/web" GRAPHITE_SETTINGS_MODULE=repman_bench_settings DJANGO_SETTINGS_MODULE=graphite.settings \
    exec /usr/bin/python3 -c "from django.core.management import execute_from_command_line; execute_from_command_line(['graphite', 'runserver', '127.0.0.1:$port', '--noreload'])") \
    >"$WORK_DIR/web/out.log" 2>&1 &
  pids+=($!)
  wait_until graphite-web "$WORK_DIR/web/out.log" curl -sf "http://127.0.0.1:$port/render?target=none&format=json"
}

# render_median URL [CURL_ARGS...]: the median seconds of RENDER_RUNS renders (after one warm-up).
render_median() {
  local url="$1" i
  shift
  curl -sf "$@" -o /dev/null "$url"
  for ((i = 0; i < RENDER_RUNS; i++)); do
    curl -sf "$@" -o /dev/null -w '%{time_total}\n' "$url"
  done | median
}

main() {
  local total carbon_start carbon_end repman_start repman_end carbon_rate repman_rate api_port http_port web_port token target
  [[ -f "$DLL" ]] || { say "build first: dotnet build -c Release"; exit 1; }
  install_tools
  write_points
  total=$((SERVERS * POINTS))
  say "ingest: $total points ($SERVERS servers x $POINTS points at ${STEP} s)"

  start_carbon "$(free_port)" "$(free_port)" "$(free_port)"
  carbon_start="$(send "$(sed -n 's/^LINE_RECEIVER_PORT = //p' "$WORK_DIR/carbon/carbon.conf")")"
  carbon_end="$(wait_stored "$WORK_DIR/carbon/whisper")"
  carbon_rate="$(awk -v n="$total" -v a="$carbon_start" -v b="$carbon_end" 'BEGIN { printf "%.0f", n / (b - a) }')"

  api_port="$(free_port)"
  http_port="$(free_port)"
  start_repman "$api_port" "$http_port" "$(free_port)" "$(free_port)"
  repman_start="$(send "$(sed -n 's/^graphite-carbon-port = //p' "$WORK_DIR/repman.toml")")"
  repman_end="$(wait_stored "$WORK_DIR/repman/graphite")"
  repman_rate="$(awk -v n="$total" -v a="$repman_start" -v b="$repman_end" 'BEGIN { printf "%.0f", n / (b - a) }')"
  printf 'graphite ingest: carbon-cache %s points/s (baseline), repman %s points/s: %s x carbon-cache\n' \
    "$carbon_rate" "$repman_rate" "$(awk -v a="$repman_rate" -v b="$carbon_rate" 'BEGIN { printf "%.2f", a / b }')"

  web_port="$(free_port)"
  start_graphite_web "$web_port" "$WORK_DIR/repman/graphite"
  token="$(curl -sk -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "https://127.0.0.1:$api_port/api/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
  target='mysql.*.lag&from=-24h&until=now&format=json&maxDataPoints=1000'
  local web_s repman_s
  web_s="$(render_median "http://127.0.0.1:$web_port/render?target=$target")"
  repman_s="$(render_median "https://127.0.0.1:$api_port/graphite/render?target=$target" -k -H "Authorization: Bearer $token")"
  printf 'graphite render 24 h x %d servers: graphite-web %.1f ms (baseline), repman %.1f ms: %s x graphite-web\n' \
    "$SERVERS" "$(awk -v s="$web_s" 'BEGIN { print s * 1000 }')" "$(awk -v s="$repman_s" 'BEGIN { print s * 1000 }')" \
    "$(awk -v a="$repman_s" -v b="$web_s" 'BEGIN { printf "%.2f", a / b }')"
}

main "$@"
