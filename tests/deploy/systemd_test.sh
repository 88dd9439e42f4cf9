#!/usr/bin/env bash
# The systemd units under deploy/systemd pass `systemd-analyze verify` without a single
# warning (it exits 0 on unknown keys, so any output fails), with their program paths pointed
# at this checkout; and the service's exposure score stays "OK" (below 2.5).
#   tests/deploy/systemd_test.sh GRAPPE_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed"; exit 77; }
tmp=$(mktemp -d /tmp/grappe-systemd-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for unit in "$root"/deploy/systemd/*; do
  sed -e "s#/usr/local/bin/grappe#$1#" -e "s#/usr/local/lib/grappe/backup.sh#$root/deploy/backup.sh#" \
    "$unit" >"$tmp/$(basename "$unit")"
done
out=$(systemd-analyze verify "$tmp"/*.service "$tmp"/*.timer 2>&1) || { echo "$out"; echo "FAIL: verify"; exit 1; }
[[ -z "$out" ]] || { echo "$out"; echo "FAIL: systemd-analyze verify warned"; exit 1; }
for service in grappe grappe-backup; do
  line=$(systemd-analyze security --offline=true "$tmp/$service.service" 2>&1 | grep 'Overall exposure level') \
    || { echo "SKIP: systemd-analyze security --offline is not available"; exit 77; }
  echo "$line"
  score=$(sed -E 's/.*: ([0-9.]+) .*/\1/' <<<"$line")
  awk -v s="$score" 'BEGIN { exit !(s < 2.5) }' || { echo "FAIL: $service.service exposure $score"; exit 1; }
done
echo "systemd test: passed"
