#!/usr/bin/env bash
# Kd of every NAF sub-class of a synthetic register with 99 simulations each (goal: 10 million
# establishments in under 30 minutes on 2 cores). No peer runs this at all; the time is reported.
# Usage: bench/measure/register_bench.sh [path/to/grappe] [establishments (default 10000000)] [max-points (default 2000)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
grappe="${1:-$root/build/src/cli/grappe}"
n="${2:-10000000}"
cap="${3:-2000}"
work="${BENCH_DIR:-$(mktemp -d)}"
echo "work folder: $work"
if [[ ! -f "$work/register.grappe" ]]; then
  /usr/bin/time -f "demo-register: %e s, %M KiB" "$grappe" -q demo-register --out "$work/demo" --establishments "$n"
  /usr/bin/time -f "ingest: %e s, %M KiB" "$grappe" -q ingest --etablissements "$work/demo/StockEtablissement_utf8.csv" \
    --out "$work/register.grappe"
fi
/usr/bin/time -f "kd --all --level subclass --simulations 99 --max-points $cap: %e s, %M KiB" \
  "$grappe" -q kd --register "$work/register.grappe" --all --level subclass --simulations 99 --max-points "$cap" \
  --out "$work/kd_all.csv" --summary "$work/kd_all_summary.csv"
echo "sectors measured: $(($(wc -l < "$work/kd_all_summary.csv") - 1)), localised: $(awk -F, 'NR > 1 && $(NF-1) == 1' "$work/kd_all_summary.csv" | wc -l)"
