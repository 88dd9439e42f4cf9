#!/usr/bin/env bash
# Creates the admin account (or resets its password and ends its sessions) and prints its
# one-time password, then exits. Safe while grappe.service runs.
#   deploy/init-admin.sh [--env /etc/grappe/grappe.env] EMAIL
# It runs `grappe serve --init-admin EMAIL` (the only way to make the first account, which
# also creates or migrates the schema) on a free loopback port just long enough to print
# the password line. Run as root, it runs grappe as the service's user (GRAPPE_USER, default
# grappe) when that user exists, so a new SQLite file belongs to the service.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deploy/common.sh
. "$here/common.sh"

email=
while (($#)); do
  case "$1" in
    --env) load_env_file "$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    -*) echo "init-admin.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) email=$1; shift ;;
  esac
done
[[ -n "$email" ]] || { echo "usage: init-admin.sh [--env FILE] EMAIL" >&2; exit 2; }
[[ -n "${GRAPPE_DB:-}" ]] || die "GRAPPE_DB is not set (give --env /etc/grappe/grappe.env)"
grappe=${GRAPPE_BINARY:-/usr/local/bin/grappe}
user=${GRAPPE_USER:-grappe}
as_user=()
# setpriv execs grappe itself (no intermediate process), so the TERM below reaches it directly.
if [[ $(id -u) == 0 ]] && id "$user" >/dev/null 2>&1; then
  as_user=(setpriv --reuid="$user" --regid="$user" --init-groups --)
fi

umask 077  # a new SQLite file holds personal data
out=$(mktemp -d)
chmod 711 "$out"
: >"$out/stdout"; : >"$out/stderr"  # exist before the loop below reads them
"${as_user[@]}" "$grappe" serve --db "$GRAPPE_DB" --bind 127.0.0.1 --port 0 --web "" --init-admin "$email" \
  >"$out/stdout" 2>"$out/stderr" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 600); do
  grep -q 'one-time password' "$out/stdout" && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/stderr" >&2; die "grappe serve stopped before creating the account"; }
  sleep 0.1
done
grep 'one-time password' "$out/stdout" || { cat "$out/stderr" >&2; die "no password after 60 s"; }
