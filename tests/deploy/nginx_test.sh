#!/usr/bin/env bash
# deploy/nginx/grappe.conf in front of a real grappe serve: the shipped file with only its
# ports, certificate and upstream rewritten for a test (self-signed certificate, loopback
# ports), inside an http { } block like Debian's nginx.conf. Checks `nginx -t`, the HTTP →
# HTTPS redirect, security headers (each exactly once), the 1 MiB body limit, the login rate
# limit (POST only), and that grappe's per-address login throttle sees distinct clients.
#   tests/deploy/nginx_test.sh GRAPPE_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GRAPPE=$1
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ! -x "$nginx" ]]; then echo "SKIP: nginx is not installed (apt-get install nginx)"; exit 77; fi
. "$here/lib.sh"
tmp=$(mktemp -d /tmp/grappe-nginx-test.XXXXXX)
chmod 755 "$tmp"
server_pid=
stop_nginx() { [[ -f "$tmp/nginx.pid" ]] && kill -QUIT "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; }
trap 'stop_nginx; stop_server; rm -rf "$tmp"' EXIT

start_server "$tmp/serve.log" --db "$tmp/grappe.db" --init-admin admin@example.org
password=$(sed -n 's/.*one-time password: //p' "$tmp/serve.log.out")
grappe_port=${base#http://127.0.0.1:}; grappe_port=${grappe_port%%/*}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port) https_port=$(free_port)
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=grappe.example.org \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
sed -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
    -e '/listen \[::\]/d' \
    -e "s#/etc/letsencrypt/live/grappe.example.org/fullchain.pem#$tmp/cert.pem#" \
    -e "s#/etc/letsencrypt/live/grappe.example.org/privkey.pem#$tmp/key.pem#" \
    -e "s#server 127.0.0.1:8080;#server 127.0.0.1:$grappe_port;#" \
    "$root/deploy/nginx/grappe.conf" >"$tmp/grappe.conf"
[[ $(diff "$root/deploy/nginx/grappe.conf" "$tmp/grappe.conf" | grep -c '^>') == 5 ]] || fail "the test's rewrite of grappe.conf missed a line"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $tmp/access.log;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/grappe.conf;
}
CONF
"$nginx" -t -q -c "$tmp/nginx.conf" -g 'daemon on;' 2>"$tmp/t.log" || { cat "$tmp/t.log" >&2; fail "nginx -t refused the configuration"; }
"$nginx" -c "$tmp/nginx.conf" -g 'daemon on;'
for _ in $(seq 50); do [[ -s "$tmp/nginx.pid" ]] && break; sleep 0.1; done
https="https://127.0.0.1:$https_port"

# HTTP → HTTPS, path kept; the ACME challenge folder is not redirected.
headers=$(curl -sS -o /dev/null -D - "http://127.0.0.1:$http_port/survey/abc?x=1")
grep -qi '^location: https://127.0.0.1/survey/abc?x=1' <<<"$headers" || fail "no HTTPS redirect: $headers"
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/.well-known/acme-challenge/t") == 404 ]] \
  || fail "the ACME challenge path is redirected"

# Through TLS: grappe's answer, nginx's headers and grappe's, each once; no version banner.
curl -sSk -D "$tmp/h" -o "$tmp/body.json" "$https/api/v1/health"
grep -q '"status":"ok"' "$tmp/body.json" || fail "health through nginx: $(cat "$tmp/body.json")"
for h in Strict-Transport-Security X-Frame-Options X-Content-Type-Options Referrer-Policy Content-Security-Policy Permissions-Policy; do
  [[ $(grep -ci "^$h:" "$tmp/h") == 1 ]] || fail "header $h appears $(grep -ci "^$h:" "$tmp/h") times"
done
grep -qi '^server: nginx.[0-9]' "$tmp/h" && fail "nginx shows its version"

# Bodies above 1 MiB stop at nginx, in grappe's error format.
head -c 1100000 /dev/zero | tr '\0' a >"$tmp/big"
status=$(curl -sSk -o "$tmp/reply" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' --data-binary @"$tmp/big" "$https/api/v1/survey/0123")
[[ $status == 413 ]] && grep -q payload_too_large "$tmp/reply" || fail "2 MiB body: $status $(cat "$tmp/reply")"

# grappe's login throttle is per client: one address locked out does not lock out another.
login_status() {  # SOURCE EMAIL PASSWORD
  curl -sSk --interface "$1" -o "$tmp/reply" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "{\"email\":\"$2\",\"password\":\"$3\"}" "$https/api/v1/session"
}
for i in 1 2 3 4 5; do [[ $(login_status 127.0.0.2 nobody@example.org wrong-password) == 401 ]] || fail "bad login $i"; done
[[ $(login_status 127.0.0.2 nobody@example.org wrong-password) == 429 ]] && grep -q too_many_attempts "$tmp/reply" \
  || fail "grappe did not throttle 127.0.0.2: $(cat "$tmp/reply")"
[[ $(login_status 127.0.0.3 admin@example.org "$password") == 200 ]] \
  || fail "another client was locked out by 127.0.0.2's failures: $(cat "$tmp/reply")"
grep -q '127\.0\.0\.2' <(sqlite3 "$tmp/grappe.db" "SELECT * FROM audit_log") || fail "the audit log does not show the client address"

# nginx's own login limit: 10 a minute, burst 10; GET /session is not counted. The 14 logins
# are sent at once: one after another, Argon2id hashes on a loaded machine took long enough
# for the bucket to refill (one token per 6 s) and the count depended on the machine's speed.
burst=()
for i in $(seq 14); do
  curl -sSk --interface 127.0.0.4 -o "$tmp/burst$i" -H 'Content-Type: application/json' \
    --data-binary "{\"email\":\"user$i@example.org\",\"password\":\"wrong-password\"}" "$https/api/v1/session" &
  burst+=($!)
done
wait "${burst[@]}"
limited=$(grep -l '"rate_limited"' "$tmp"/burst* | wc -l)
((limited >= 2)) || fail "nginx let 14 simultaneous logins through from one address ($limited limited)"
[[ $(curl -sSk --interface 127.0.0.4 -o /dev/null -w '%{http_code}' "$https/api/v1/session") == 401 ]] \
  || fail "GET /api/v1/session is rate-limited like a login"

# grappe down: nginx answers 503 in JSON.
stop_server
status=$(curl -sSk -o "$tmp/reply" -w '%{http_code}' "$https/api/v1/health")
[[ $status == 503 ]] && grep -q '"unavailable"' "$tmp/reply" || fail "grappe down: $status $(cat "$tmp/reply")"
echo "nginx test: passed"
