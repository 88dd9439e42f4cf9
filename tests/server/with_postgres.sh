#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 (Debian's postgresql package) and
# GRAPPE_TEST_PG_URL pointing at it; the cluster lives in a temp folder and is removed after.
# initdb refuses to run as root, so the cluster belongs to the postgres user; it listens only
# on a private Unix socket folder and a private port.
#   tests/server/with_postgres.sh ctest --test-dir build -R 'workspace|server'
set -euo pipefail
if (($# == 0)); then echo "usage: $0 COMMAND [ARGS…]" >&2; exit 2; fi
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "with_postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1
fi
port=${GRAPPE_PG_PORT:-$((54000 + RANDOM % 1000))}
dir=$(mktemp -d /tmp/grappe-pg.XXXXXX)
chmod 755 "$dir"
as_pg=()
if [[ $(id -u) == 0 ]]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses='' -c max_connections=300 -c fsync=on" start >/dev/null
export GRAPPE_TEST_PG_URL="postgresql://postgres@/postgres?host=$dir&port=$port"
echo "with_postgres: PostgreSQL on $dir port $port" >&2
"$@"
