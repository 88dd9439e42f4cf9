# shellcheck shell=bash disable=SC2034
# Helpers for the deployment tests (sourced): a grappe server on a free port, and a JSON API
# client with a session cookie and the CSRF header.
set -euo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*" >&2; }

# json_get EXPRESSION: reads JSON on stdin, prints the Python expression on `d` (strings raw).
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print(v if isinstance(v,str) else json.dumps(v))' "$1"; }

# start_server LOG ARGS…: starts `grappe serve` on a free port; sets server_pid and base.
start_server() {
  local log=$1; shift
  # Emptied here, not by the child's redirection: otherwise the loop below may read the
  # previous server's port before the child has truncated the file.
  : >"$log"; : >"$log.out"
  "$GRAPPE" serve --port 0 --web /nonexistent "$@" >"$log.out" 2>"$log" &
  server_pid=$!
  local port=
  for _ in $(seq 600); do  # up to 60 s: a loaded machine (CI builds) starts slowly
    port=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$log" | head -1)
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "grappe serve exited at start"; }
    sleep 0.1
  done
  [[ -n "$port" ]] || { cat "$log" >&2; fail "grappe serve did not start listening"; }
  base="http://127.0.0.1:$port/api/v1"
}
stop_server() {
  [[ -n "${server_pid:-}" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# api METHOD PATH [JSON]: prints the body; fails unless the status is 2xx.
api() {
  local method=$1 path=$2 body=${3:-} out status
  local args=(-sS -o "$tmp/reply" -w '%{http_code}' -b "$tmp/cookies" -c "$tmp/cookies" -X "$method")
  [[ -n "${csrf:-}" ]] && args+=(-H "X-CSRF-Token: $csrf")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  status=$(curl "${args[@]}" "$base$path")
  out=$(cat "$tmp/reply")
  [[ "$status" == 2* ]] || fail "$method $path answered $status: $out"
  printf '%s' "$out"
}
# login EMAIL PASSWORD. A password set for someone (--init-admin, POST /users) must be replaced
# at first login: it becomes "PASSWORD (own)", which later logins fall back to.
login() {
  local secret status reply
  for secret in "$2" "$2 (own)"; do
    rm -f "$tmp/cookies"; csrf=
    status=$(curl -sS -o "$tmp/reply" -w '%{http_code}' -c "$tmp/cookies" -H 'Content-Type: application/json' \
      --data-binary "{\"email\":\"$1\",\"password\":\"$secret\"}" "$base/session")
    [[ "$status" == 200 ]] && break
  done
  [[ "$status" == 200 ]] || fail "log in as $1 answered $status: $(cat "$tmp/reply")"
  reply=$(cat "$tmp/reply")
  csrf=$(printf '%s' "$reply" | json_get 'd["csrf_token"]')
  if [[ $(printf '%s' "$reply" | json_get 'd["user"].get("must_change_password", False)') == true ]]; then
    api PUT /session/password "{\"current\":\"$2\",\"password\":\"$2 (own)\"}" >/dev/null
  fi
}
