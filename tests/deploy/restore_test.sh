#!/usr/bin/env bash
# Backup and restore of a live workspace, end to end (docs/deploy.md, "Backup and restore"):
# grappe serve on STORE (sqlite, or postgres on a throwaway PostgreSQL 15), data made through
# the HTTP API (an initiative from a candidate, members, a survey answered through a personal
# link, topics), deploy/backup.sh while the server runs, one more change, the database and
# input files destroyed, deploy/restore.sh, the server restarted: every API view must be
# byte-identical to the one taken at backup time, the later change gone, the old password and
# survey link still valid, and new rows must get fresh ids.
#   tests/deploy/restore_test.sh GRAPPE_BINARY sqlite|postgres
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GRAPPE=$1 store=$2
if [[ "$store" == postgres && -z "${GRAPPE_DEPLOY_PG_URL:-}" ]]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "SKIP: PostgreSQL is not installed (apt-get install postgresql)"; exit 77
  fi
  # A cluster of our own (not the one scripts/test.sh may have started for other tests).
  exec env -u GRAPPE_TEST_PG_URL "$root/tests/server/with_postgres.sh" \
    bash -c 'GRAPPE_DEPLOY_PG_URL=$GRAPPE_TEST_PG_URL exec "$0" "$@"' "$0" "$@"
fi
. "$here/lib.sh"
tmp=$(mktemp -d /tmp/grappe-deploy-test.XXXXXX)
chmod 755 "$tmp"
server_pid=
trap 'stop_server; rm -rf "$tmp"' EXIT

# --- the installation: state folder, input files, database, env file
state=$tmp/var/lib/grappe
mkdir -p "$state" "$tmp/reg"
"$GRAPPE" demo-register --out "$tmp/reg" --establishments 2000 --seed 7 >/dev/null 2>&1
"$GRAPPE" ingest --etablissements "$tmp/reg/StockEtablissement_utf8.csv" \
  --unites-legales "$tmp/reg/StockUniteLegale_utf8.csv" --out "$state/register.grappe" >/dev/null 2>&1
# Sirets the register kept: active, 14 digits passing the Luhn check (columns by header name).
mapfile -t sirets < <(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  { s = $col["siret"]; if (length(s) != 14 || s !~ /^[0-9]+$/ || $col["etatAdministratifEtablissement"] != "A") next
    sum = 0; for (i = 14; i >= 1; i--) { d = substr(s, i, 1) + 0; if ((14 - i) % 2 == 1) { d *= 2; if (d > 9) d -= 9 }; sum += d }
    if (sum % 10 == 0 && n++ < 40) print s }' "$tmp/reg/StockEtablissement_utf8.csv")
((${#sirets[@]} >= 10)) || fail "the demo register gave only ${#sirets[@]} usable sirets"
cat >"$state/candidates.json" <<JSON
{"candidates": [{"rank": 1, "score": 12.5, "p_value": 0.001, "codes": ["31.01Z"], "radius_m": 4200,
  "center": {"lon": 1.9, "lat": 47.9},
  "members": [{"siret": "${sirets[0]}", "name": "Agencement Dupont"},
              {"siret": "${sirets[1]}", "name": "Menuiserie « Le Chêne »"},
              {"siret": "${sirets[2]}", "name": "Atelier Martin & Fils"}]}]}
JSON
if [[ "$store" == postgres ]]; then
  admin_url=$GRAPPE_DEPLOY_PG_URL
  db=${admin_url/\/postgres\?//grappe_restore_test?}
  recreate_database() {
    psql --no-psqlrc -q -d "$admin_url" -c 'DROP DATABASE IF EXISTS grappe_restore_test' -c 'CREATE DATABASE grappe_restore_test'
  }
  recreate_database
else
  db=$state/grappe.db
  recreate_database() { rm -f "$db" "$db-wal" "$db-shm"; }
fi
cat >"$tmp/grappe.env" <<ENV
# as /etc/grappe/grappe.env
GRAPPE_DB=$db
GRAPPE_REGISTER=$state/register.grappe
GRAPPE_CANDIDATES="$state/candidates.json"
GRAPPE_BACKUP_DIR=$tmp/backups
ENV
serve() { start_server "$tmp/serve.log" --db "$db" --register "$state/register.grappe" --candidates "$state/candidates.json"; }

# --- data through the API
# The first admin as docs/deploy.md makes it (this also creates the schema).
password=$(GRAPPE_BINARY=$GRAPPE GRAPPE_USER=nobody-here "$root/deploy/init-admin.sh" --env "$tmp/grappe.env" admin@example.org |
  sed -n 's/^admin: admin@example.org  one-time password: //p')
serve
[[ -n "$password" ]] || fail "no one-time password printed"
login admin@example.org "$password"
api POST /users '{"email":"animatrice@example.org","role":"animator","name":"Animatrice","password":"correct horse battery"}' >/dev/null
login animatrice@example.org "correct horse battery"
initiative=$(api POST /initiatives '{"name":"Agencement Sologne","description":"Cluster « test » — été","candidate_index":0}' | json_get 'd["id"]')
api POST "/initiatives/$initiative/members" "{\"siret\":\"${sirets[5]}\"}" >/dev/null  # looked up in the register
member=$(api GET "/initiatives/$initiative/members" | json_get 'd["items"][0]["id"]')
api POST "/initiatives/$initiative/members/$member/representatives" '{"name":"Zoé Dupont","email":"zoe@example.org","language":"fr"}' >/dev/null
survey=$(api POST "/initiatives/$initiative/surveys" '{}' | json_get 'd["id"]')
api POST "/surveys/$survey/open" '{}' >/dev/null
api POST "/surveys/$survey/invitations" '{}' >/dev/null
token=$(api GET "/surveys/$survey/invitations" | json_get 'd["items"][0]["token"]')
other=$(api GET "/initiatives/$initiative/members" | json_get 'd["items"][1]["id"]')
api PUT "/survey/$token" "{\"language\":\"fr\",\"answers\":{\"interest\":\"very\",\"known_members\":[$other],\"needs\":[\"logistics\",\"export\"],\"needs_detail\":\"Un camion frigorifique partagé\",\"consent\":\"yes\"}}" >/dev/null
api POST "/initiatives/$initiative/topics" '{"title":"Achats groupés de bois","description":"Négocier ensemble"}' >/dev/null
api POST "/initiatives/$initiative/topics" "{\"title\":\"Camion partagé\",\"member_id\":$member}" >/dev/null
api POST "/initiatives/$initiative/needs" "{\"member_id\":$member,\"text\":\"Former nos apprentis ensemble\"}" >/dev/null

views=(/health /users /candidates "/initiatives" "/initiatives/$initiative" "/initiatives/$initiative/members"
  "/initiatives/$initiative/members/$member/representatives" "/initiatives/$initiative/surveys" "/surveys/$survey"
  "/surveys/$survey/invitations" "/surveys/$survey/results" "/surveys/$survey/export.json" "/surveys/$survey/export.csv"
  "/initiatives/$initiative/topics" "/initiatives/$initiative/needs" "/survey/$token")
snapshot() {  # FOLDER: one file per view, as the animator sees it (admin for /users)
  mkdir -p "$1"
  local i=0 v
  for v in "${views[@]}"; do
    [[ "$v" == /users ]] && continue
    api GET "$v" >"$1/$i"
    i=$((i + 1))
  done
}
snapshot "$tmp/before"
(($(ls "$tmp/before" | wc -l) == ${#views[@]} - 1)) || fail "snapshot: $(ls "$tmp/before" | wc -l) views saved"

# --- backup while serving, then a change the restore must undo
backup=$("$root/deploy/backup.sh" --env "$tmp/grappe.env")
[[ -d "$backup" && "$backup" == "$tmp/backups/grappe-"* ]] || fail "backup.sh did not print its folder ($backup)"
grep -q "^store=$([[ $store == postgres ]] && echo postgresql || echo sqlite)$" "$backup/MANIFEST" || fail "MANIFEST store"
api POST "/initiatives/$initiative/topics" '{"title":"Written after the backup"}' >/dev/null
stop_server

# --- disaster: database and input files gone
recreate_database
rm -f "$state/register.grappe" "$state/candidates.json"

# Damaged backups are refused before anything changes.
cp -a "$backup" "$tmp/damaged"
printf 'x' >>"$tmp/damaged/candidates/candidates.json"
if "$root/deploy/restore.sh" --env "$tmp/grappe.env" "$tmp/damaged" 2>"$tmp/damaged.log"; then fail "restore.sh accepted a damaged backup"; fi
grep -q "checksums" "$tmp/damaged.log" || fail "damaged backup: $(cat "$tmp/damaged.log")"

"$root/deploy/restore.sh" --env "$tmp/grappe.env" "$backup"
cmp -s "$backup/candidates/candidates.json" "$state/candidates.json" || fail "candidates file not restored"
[[ -f "$state/register.grappe" ]] || fail "register file not restored"

# --- restart on the restored store: identical views, old credentials, fresh ids
serve
login animatrice@example.org "correct horse battery"
snapshot "$tmp/after"
for f in "$tmp/before"/*; do
  cmp -s "$f" "$tmp/after/$(basename "$f")" || { diff <(head -c 2000 "$f") <(head -c 2000 "$tmp/after/$(basename "$f")") >&2 || true; fail "view $(basename "$f") differs after restore"; }
done
api GET "/initiatives/$initiative/topics" | grep -q "Written after the backup" && fail "the change made after the backup survived the restore"
topic=$(api POST "/initiatives/$initiative/topics" '{"title":"Nouveau sujet"}' | json_get 'd["id"]')
[[ "$topic" == 3 ]] || fail "a new topic after the restore got id $topic, expected 3"
api POST "/initiatives/$initiative/members" "{\"siret\":\"${sirets[6]}\"}" >/dev/null
curl -sf "$base/survey/$token" >/dev/null || fail "the survey link no longer works"
login admin@example.org "$password"
api GET /users | grep -q animatrice@example.org || fail "accounts not restored"

# --- a restore over a live database is refused without --clean (PostgreSQL), and works with it
stop_server
if [[ "$store" == postgres ]]; then
  if "$root/deploy/restore.sh" --env "$tmp/grappe.env" "$backup" 2>"$tmp/busy.log"; then fail "restore.sh overwrote a non-empty database"; fi
  grep -q "not empty" "$tmp/busy.log" || fail "non-empty database: $(cat "$tmp/busy.log")"
  "$root/deploy/restore.sh" --env "$tmp/grappe.env" --clean --no-files "$backup"
else
  "$root/deploy/restore.sh" --env "$tmp/grappe.env" --no-files "$backup"
  ls "$db".before-restore-* >/dev/null || fail "the replaced SQLite file was not kept aside"
fi
serve
login animatrice@example.org "correct horse battery"
api GET "/initiatives/$initiative/topics" | grep -q "Nouveau sujet" && fail "--clean restore kept later rows"
cmp -s "$tmp/before/0" <(api GET /health) || fail "health differs after the second restore"

# --- retention: an old backup goes, the newest ones stay; unchanged inputs are hard links
stop_server
touch -d '30 days ago' "$backup"
second=$(GRAPPE_BACKUP_KEEP_DAYS=14 GRAPPE_BACKUP_KEEP_MIN=1 "$root/deploy/backup.sh" --env "$tmp/grappe.env")
[[ -d "$second" && ! -e "$backup" ]] || fail "retention: expected only $second, found $(ls "$tmp/backups")"
third=$(GRAPPE_BACKUP_KEEP_DAYS=0 GRAPPE_BACKUP_KEEP_MIN=2 "$root/deploy/backup.sh" --env "$tmp/grappe.env")
[[ -d "$second" && -d "$third" ]] || fail "retention removed one of the two newest backups"
[[ "$(stat -c %i "$second/register/register.grappe")" == "$(stat -c %i "$third/register/register.grappe")" ]] \
  || fail "an unchanged register file was copied again instead of hard-linked"
echo "restore test ($store): passed"
