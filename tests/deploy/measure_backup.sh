#!/usr/bin/env bash
# How long backup.sh and restore.sh take on a workspace of a realistic size (not run by
# CTest; figures in docs/deploy.md): one initiative of 5,000 firms (the most a candidate may
# have), its launch survey with 5,000 personal links, all answered with free text.
#   tests/server/with_postgres.sh tests/deploy/measure_backup.sh build/src/cli/grappe   # PostgreSQL
#   tests/deploy/measure_backup.sh build/src/cli/grappe                                 # SQLite
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GRAPPE=$(realpath "$1")
. "$here/lib.sh"
tmp=$(mktemp -d /tmp/grappe-deploy-measure.XXXXXX)
chmod 755 "$tmp"
server_pid=
trap 'stop_server; rm -rf "$tmp"' EXIT
python3 - "$tmp/candidates.json" <<'PY'
import json, sys
def siret(i):  # 14 digits passing the Luhn check
    base = "8%012d" % i
    for last in range(10):
        s = base + str(last)
        total = sum((d * 2 - 9 if d * 2 > 9 else d * 2) if k % 2 else d for k, d in enumerate(map(int, reversed(s))))
        if total % 10 == 0: return s
members = [{"siret": siret(i), "name": "Entreprise %d" % i, "commune": "Romorantin", "headcount": 5, "lon": 1.74, "lat": 47.36}
           for i in range(5000)]
json.dump({"candidates": [{"rank": 1, "members": members}]}, open(sys.argv[1], "w"))
PY
if [[ -n "${GRAPPE_TEST_PG_URL:-}" ]]; then
  admin_url=$GRAPPE_TEST_PG_URL db=${GRAPPE_TEST_PG_URL/\/postgres\?//grappe_measure?}
  psql --no-psqlrc -q -d "$admin_url" -c 'CREATE DATABASE grappe_measure'
else
  db=$tmp/grappe.db
fi
printf 'GRAPPE_DB=%s\nGRAPPE_CANDIDATES=%s\nGRAPPE_BACKUP_DIR=%s\n' "$db" "$tmp/candidates.json" "$tmp/backups" >"$tmp/grappe.env"
start_server "$tmp/serve.log" --db "$db" --candidates "$tmp/candidates.json" --survey-rate 1000000 --init-admin admin@example.org
password=$(sed -n 's/.*one-time password: //p' "$tmp/serve.log.out")
login admin@example.org "$password"
initiative=$(api POST /initiatives '{"name":"Mesure","candidate_index":0}' | json_get 'd["id"]')
survey=$(api POST "/initiatives/$initiative/surveys" '{}' | json_get 'd["id"]')
api POST "/surveys/$survey/open" '{}' >/dev/null
api POST "/surveys/$survey/invitations" '{}' >/dev/null
api GET "/surveys/$survey/invitations" | json_get '"\n".join(i["token"] for i in d["items"])' >"$tmp/tokens"
python3 - "$base" "$tmp/tokens" <<'PY'
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, tokens = sys.argv[1], open(sys.argv[2]).read().split()
body = json.dumps({"language": "fr", "answers": {"interest": "yes", "needs": ["logistics", "export", "digital"],
    "needs_detail": "Mutualiser un camion frigorifique et former nos apprentis ensemble. " * 4, "consent": "yes"}}).encode()
def put(t):
    r = urllib.request.Request(f"{base}/survey/{t}", data=body, method="PUT", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(r).read()
with ThreadPoolExecutor(8) as pool: list(pool.map(put, tokens))
print(f"{len(tokens)} answers stored", file=sys.stderr)
PY
api GET "/surveys/$survey/results" | json_get 'd["responded"]' >"$tmp/responded"
stop_server
store=$([[ "$db" == postgresql* ]] && echo PostgreSQL || echo SQLite)
t0=$(date +%s.%N)
backup=$("$root/deploy/backup.sh" --env "$tmp/grappe.env" 2>/dev/null)
t1=$(date +%s.%N)
if [[ "$store" == PostgreSQL ]]; then
  psql --no-psqlrc -q -d "$admin_url" -c 'DROP DATABASE grappe_measure' -c 'CREATE DATABASE grappe_measure'
else
  rm -f "$db" "$db-wal" "$db-shm"
fi
t2=$(date +%s.%N)
"$root/deploy/restore.sh" --env "$tmp/grappe.env" --no-files "$backup" 2>/dev/null
t3=$(date +%s.%N)
start_server "$tmp/serve.log" --db "$db" --candidates "$tmp/candidates.json"
login admin@example.org "$password"
[[ "$(api GET "/surveys/$survey/results" | json_get 'd["responded"]')" == "$(cat "$tmp/responded")" ]] || fail "answers lost"
dump=$(ls "$backup"/database.*)
printf '%s: %s answers; backup %.2f s (%s, %d KiB), restore %.2f s\n' "$store" "$(cat "$tmp/responded")" \
  "$(awk "BEGIN{print $t1 - $t0}")" "$(basename "$dump")" "$(du -k "$dump" | cut -f1)" "$(awk "BEGIN{print $t3 - $t2}")"
