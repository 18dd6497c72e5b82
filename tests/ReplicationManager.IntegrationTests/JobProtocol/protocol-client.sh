#!/usr/bin/env bash
# A job script's side of repman's job protocol with nothing but curl, openssl and socat, as an operator could drive it.
#
# Environment: REPMAN_URL (https://host:port), CLUSTER, DB_HOST, DB_PORT, DB_PASSWORD (the server's password, the
# key of the envelope), TOKEN (from "login"; optional for the other commands).
#
# Usage: protocol-client.sh COMMAND [ARGS]
#   seal PLAINTEXT              print the envelope {"data":"<base64>"} of PLAINTEXT
#   login                       secret-login with a fresh timestamp and nonce; print the token
#   call METHOD ROUTE [BODY]    call ROUTE under /api/clusters/$CLUSTER/servers/$DB_HOST/$DB_PORT (or an /api/... path);
#                               print the answer's body, then its status on the last line
#   log TASK LEVEL LINE...      write-log: the lines as one encrypted batch
#   legacy-log TASK LINE...     write-log as replication-manager's older script sends it: no token, filler padding,
#                               a raw HTTP/1.1 request through socat's OPENSSL address
# Exit codes: 0 ok, 1 a call failed, 2 usage error.
set -Eeuo pipefail

readonly ROUTE_BASE="/api/clusters/${CLUSTER:-}/servers/${DB_HOST:-}/${DB_PORT:-}"

die() { printf 'protocol-client: %s\n' "$*" >&2; exit 1; }

key() { printf '%s' "$DB_PASSWORD" | sha256sum | cut -c1-64; }
iv() { printf '%s' "$DB_PASSWORD" | md5sum | cut -c1-32; }

seal() {
  local encrypted
  encrypted="$(printf '%s' "$1" | openssl enc -aes-256-cbc -a -A -nosalt -K "$(key)" -iv "$(iv)")"
  printf '{"data":"%s"}' "$encrypted"
}

json_string() {
  local text="$1"
  text="${text//\\/\\\\}"
  text="${text//\"/\\\"}"
  printf '"%s"' "$text"
}

url_of() { if [[ "$1" == /api/* ]]; then printf '%s%s' "$REPMAN_URL" "$1"; else printf '%s%s%s' "$REPMAN_URL" "$ROUTE_BASE" "$1"; fi; }

call() {
  local method="$1" route="$2" body="${3:-}"
  local args=(-sk -X "$method" -w '\n%{http_code}')
  [[ -n "${TOKEN:-}" ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$(url_of "$route")"
}

login() {
  local plaintext answer status
  plaintext="$(printf '{"server":"%s:%s","ts":%s,"nonce":"%s"}' "$DB_HOST" "$DB_PORT" "$(date +%s)" "$(openssl rand -hex 16)")"
  answer="$(TOKEN='' call POST /secret-login "$(seal "$plaintext")")"
  status="${answer##*$'\n'}"
  [[ "$status" == 200 ]] || die "secret-login answered $status: ${answer%$'\n'*}"
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"${answer%$'\n'*}"
}

log_batch() {
  local task="$1" level="$2" lines joined=""
  shift 2
  for lines in "$@"; do joined+="${joined:+\\n}${lines//\"/\\\"}"; done
  call POST "/write-log/$task" "$(seal "{\"server\":\"$DB_HOST:$DB_PORT\",\"log\":\"$joined\",\"level\":$(json_string "$level")}")"
}

# replication-manager's older script, as job-protocol.md describes it on the wire.
legacy_log() {
  local task="$1" joined="" line plaintext pad padded encrypted json request host port
  shift
  for line in "$@"; do line="${line//\\/\\\\}"; joined+="${joined:+\\n}${line//\"/\\\"}"; done
  plaintext="{\"server\":\"$DB_HOST:$DB_PORT\",\"log\":\"$joined\"}"
  pad=$((32 - ${#plaintext} % 32))
  padded="$plaintext$(printf "%${pad}s" | tr ' ' 'x')"
  encrypted="$(printf '%s' "$padded" | openssl enc -aes-256-cbc -a -A -nosalt -K "$(key)" -iv "$(iv)")"
  json="{\"data\":\"$encrypted\"}"
  host="${REPMAN_URL#https://}"; port="${host##*:}"; host="${host%:*}"
  request="POST $ROUTE_BASE/write-log/$task HTTP/1.1\r\nHost: $host\r\nContent-Type: application/json\r\nContent-Length: ${#json}\r\n\r\n$json"
  printf '%b' "$request" | socat -t 2 - "OPENSSL:$host:$port,verify=0"
}

main() {
  local command="${1:-}"
  (( $# > 0 )) && shift
  case "$command" in
    seal) (( $# == 1 )) || exit 2; seal "$1" ;;
    login) login ;;
    call) (( $# >= 2 )) || exit 2; call "$@" ;;
    log) (( $# >= 3 )) || exit 2; log_batch "$@" ;;
    legacy-log) (( $# >= 2 )) || exit 2; legacy_log "$@" ;;
    *) sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
