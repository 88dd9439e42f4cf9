# shellcheck shell=bash
# Shared by deploy/backup.sh and deploy/restore.sh (sourced, not run).

# Reads a systemd EnvironmentFile (KEY=VALUE lines, # comments, optional quotes) without
# running it as shell code: a URL with '&' or '$' stays a plain value.
load_env_file() {
  local file=$1 line key value
  [[ -r "$file" ]] || { echo "$(basename "$0"): cannot read $file" >&2; exit 2; }
  while IFS= read -r line || [[ -n "$line" ]]; do
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z "$line" || "$line" == \#* || "$line" != *=* ]] && continue
    key=${line%%=*}
    value=${line#*=}
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ "$value" == \"*\" || "$value" == \'*\' ]]; then value=${value:1:${#value}-2}; fi
    # The environment wins over the file (tests and one-off runs override a value).
    [[ -n "${!key+set}" ]] || export "$key=$value"
  done <"$file"
}

is_postgres_url() { [[ "$1" == postgresql://* || "$1" == postgres://* ]]; }

# The URL without a password, for logs and manifests.
redact_url() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#; s#([?&]password=)[^&]*#\1***#' <<<"$1"; }

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }
