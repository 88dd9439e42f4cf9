#!/usr/bin/env bash
# Restores a backup folder made by deploy/backup.sh. Stop grappe first.
#   deploy/restore.sh [--env /etc/grappe/grappe.env] [--clean] [--no-files] BACKUP_FOLDER
# PostgreSQL: restores into GRAPPE_DB, which must be an empty database (drop and recreate
# it, see docs/deploy.md), or with --clean drops the dump's tables first. SQLite: the current
# file (and its -wal/-shm) is moved aside as FILE.before-restore-TIME, then the copy takes its
# place. The register and candidates files go back to GRAPPE_REGISTER / GRAPPE_CANDIDATES (or
# to where they were when backed up); a different file already there is moved aside the same
# way. --no-files restores the database only. Checksums are verified before anything changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deploy/common.sh
. "$here/common.sh"

clean=0 files=1 backup=
while (($#)); do
  case "$1" in
    --env) load_env_file "$2"; shift 2 ;;
    --clean) clean=1; shift ;;
    --no-files) files=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "restore.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) [[ -z "$backup" ]] || { echo "restore.sh: one backup folder only" >&2; exit 2; }; backup=$1; shift ;;
  esac
done
[[ -n "$backup" ]] || { echo "usage: restore.sh [--env FILE] [--clean] [--no-files] BACKUP_FOLDER" >&2; exit 2; }
[[ -f "$backup/MANIFEST" && -f "$backup/SHA256SUMS" ]] || die "$backup is not a grappe backup folder (no MANIFEST/SHA256SUMS)"
db=${GRAPPE_DB:-}
[[ -n "$db" ]] || die "GRAPPE_DB is not set (give --env /etc/grappe/grappe.env)"

service=${GRAPPE_SERVICE:-grappe}
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
  die "$service is running: stop it first (systemctl stop $service)"
fi
(cd "$backup" && sha256sum --quiet --strict -c SHA256SUMS) || die "checksums of $backup do not match: the backup is damaged"
manifest() { sed -n "s/^$1=//p" "$backup/MANIFEST" | head -1; }
store=$(manifest store)
stamp=$(date -u +%Y%m%dT%H%M%SZ)

# Moves FILE aside (FILE.before-restore-TIME) if it exists; the restore never deletes data.
set_aside() { if [[ -e "$1" ]]; then mv "$1" "$1.before-restore-$stamp"; log "kept the previous $1 as $1.before-restore-$stamp"; fi; }
# New files get the owner of their folder (root restores, the grappe user serves).
own_like_parent() { [[ $(id -u) != 0 ]] || chown --reference="$(dirname "$1")" "$1"; }

if is_postgres_url "$db"; then
  [[ "$store" == postgresql ]] || die "this backup is of a $store store, GRAPPE_DB is PostgreSQL"
  tables=$(psql --no-psqlrc -At --dbname="$db" -c "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'")
  options=(--no-owner --no-privileges --exit-on-error --single-transaction)
  if ((tables > 0)); then
    ((clean)) || die "the database $(redact_url "$db") is not empty ($tables tables): recreate it (docs/deploy.md) or pass --clean"
    options+=(--clean --if-exists)
  fi
  pg_restore "${options[@]}" --dbname="$db" "$backup/database.pgdump"
else
  [[ "$store" == sqlite ]] || die "this backup is of a $store store, GRAPPE_DB is a SQLite file"
  [[ "$(sqlite3 -bail "$backup/database.sqlite" 'PRAGMA integrity_check')" == ok ]] || die "the backed-up database fails its integrity check"
  mkdir -p "$(dirname "$db")"
  umask 077
  cp "$backup/database.sqlite" "$db.restoring"
  own_like_parent "$db.restoring"
  set_aside "$db"
  for suffix in -wal -shm -journal; do set_aside "$db$suffix"; done
  mv "$db.restoring" "$db"
fi
log "database restored from $backup ($(manifest created_at), schema version $(manifest schema_version))"

restore_input() {  # KIND DESTINATION-FROM-ENV
  local kind=$1 dest=$2 source
  source=$(find "$backup/$kind" -maxdepth 1 -type f 2>/dev/null | head -1)
  [[ -n "$source" ]] || return 0
  [[ -n "$dest" ]] || dest=$(manifest "${kind}_path")
  [[ -n "$dest" ]] || { log "no destination for the $kind file: left in $backup/$kind"; return 0; }
  if [[ -f "$dest" ]] && cmp -s "$source" "$dest"; then return 0; fi
  mkdir -p "$(dirname "$dest")"
  cp -p "$source" "$dest.restoring"
  own_like_parent "$dest.restoring"
  set_aside "$dest"
  mv "$dest.restoring" "$dest"
  log "$kind file restored to $dest"
}
if ((files)); then
  restore_input register "${GRAPPE_REGISTER:-}"
  restore_input candidates "${GRAPPE_CANDIDATES:-}"
fi
log "done: start grappe again (systemctl start $service)"
