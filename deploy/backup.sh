#!/usr/bin/env bash
# Backs up a grappe workspace into a new dated folder of GRAPPE_BACKUP_DIR, then drops old ones.
#   deploy/backup.sh [--env /etc/grappe/grappe.env]
# Settings (environment, or the env file; the environment wins):
#   GRAPPE_DB                 postgresql://… URL or SQLite file path (as given to grappe serve --db)
#   GRAPPE_BACKUP_DIR         where backups go (default /var/backups/grappe)
#   GRAPPE_BACKUP_KEEP_DAYS   delete backups older than this many days (default 14) …
#   GRAPPE_BACKUP_KEEP_MIN    … but always keep this many newest ones (default 7)
#   GRAPPE_REGISTER, GRAPPE_CANDIDATES   files given to --register / --candidates (optional)
# A backup folder holds database.pgdump (pg_dump custom format) or database.sqlite (VACUUM
# INTO: one consistent snapshot taken while the server keeps writing), copies of the register
# and candidates files (hard links to the previous backup's copy when unchanged), MANIFEST
# and SHA256SUMS. It is built as .partial-NAME and renamed when complete, so a folder named
# grappe-* is always whole. Prints the folder's path on stdout. See docs/deploy.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deploy/common.sh
. "$here/common.sh"

while (($#)); do
  case "$1" in
    --env) load_env_file "$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "backup.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
db=${GRAPPE_DB:-}
[[ -n "$db" ]] || die "GRAPPE_DB is not set (give --env /etc/grappe/grappe.env)"
dir=${GRAPPE_BACKUP_DIR:-/var/backups/grappe}
keep_days=${GRAPPE_BACKUP_KEEP_DAYS:-14}
keep_min=${GRAPPE_BACKUP_KEEP_MIN:-7}
[[ "$keep_days" =~ ^[0-9]+$ && "$keep_min" =~ ^[0-9]+$ ]] || die "GRAPPE_BACKUP_KEEP_DAYS and _MIN must be whole numbers"
((keep_min >= 1)) || die "GRAPPE_BACKUP_KEEP_MIN must be at least 1"

umask 077  # backups hold personal data (survey answers, e-mails)
mkdir -p "$dir"
name=grappe-$(date -u +%Y%m%dT%H%M%SZ)
[[ ! -e "$dir/$name" ]] || { sleep 1; name=grappe-$(date -u +%Y%m%dT%H%M%SZ); }
work="$dir/.partial-$name"
rm -rf "$work"
mkdir "$work"
trap 'rm -rf "$work"' EXIT
previous=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'grappe-*' -printf '%f\n' | sort | tail -1)

if is_postgres_url "$db"; then
  store=postgresql
  pg_dump --format=custom --compress=6 --file="$work/database.pgdump" --dbname="$db"
  pg_restore --list "$work/database.pgdump" >/dev/null || die "the dump just written cannot be read back"
  schema=$(psql --no-psqlrc -At --dbname="$db" -c 'SELECT max(version) FROM schema_migrations' 2>/dev/null || echo unknown)
else
  store=sqlite
  [[ -f "$db" ]] || die "the SQLite database $db does not exist"
  out="$work/database.sqlite"
  # VACUUM INTO reads one snapshot (WAL lets the server write meanwhile) and writes a compact copy.
  sqlite3 -bail "$db" ".timeout 10000" "VACUUM INTO '${out//\'/\'\'}'" >/dev/null
  [[ "$(sqlite3 -bail "$out" 'PRAGMA integrity_check')" == ok ]] || die "integrity check failed on the copy of $db"
  schema=$(sqlite3 -bail "$out" 'SELECT max(version) FROM schema_migrations' 2>/dev/null || echo unknown)
fi

# Input files: copied, or hard-linked to the previous backup's copy when size and time match.
copy_input() {  # KIND PATH
  local kind=$1 path=$2 base
  [[ -n "$path" ]] || return 0
  [[ -f "$path" ]] || die "$kind file $path (GRAPPE_${kind^^}) does not exist"
  base=$(basename "$path")
  mkdir -p "$work/$kind"
  local old="$dir/$previous/$kind/$base"
  if [[ -n "$previous" && -f "$old" && "$(stat -c '%s %Y' "$old")" == "$(stat -c '%s %Y' "$path")" ]]; then
    ln "$old" "$work/$kind/$base"
  else
    cp -p "$path" "$work/$kind/$base"
  fi
  echo "${kind}_path=$path" >>"$work/MANIFEST"
}
{
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host=$(hostname)"
  echo "store=$store"
  echo "database=$(redact_url "$db")"
  echo "schema_version=$schema"
} >"$work/MANIFEST"
copy_input register "${GRAPPE_REGISTER:-}"
copy_input candidates "${GRAPPE_CANDIDATES:-}"
sums=$(cd "$work" && find . -type f -printf '%P\n' | sort | xargs -d '\n' sha256sum)
printf '%s\n' "$sums" >"$work/SHA256SUMS"

mv "$work" "$dir/$name"
trap - EXIT
log "$store backup written to $dir/$name ($(du -sh "$dir/$name" | cut -f1))"

# Retention: the newest keep_min backups stay whatever their age; older ones go after keep_days.
mapfile -t all < <(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'grappe-*' -printf '%f\n' | sort -r)
for ((i = keep_min; i < ${#all[@]}; i++)); do
  if [[ -n "$(find "$dir/${all[i]}" -maxdepth 0 -mtime +"$keep_days")" ]]; then
    rm -rf "${dir:?}/${all[i]}"
    log "removed old backup ${all[i]}"
  fi
done
find "$dir" -mindepth 1 -maxdepth 1 -type d -name '.partial-*' -mmin +1440 -exec rm -rf {} +
echo "$dir/$name"
