#!/bin/sh
# grappe scan --all on a demo register (default 10 million establishment rows) with 999
# simulations per trade: wall-clock and CPU time, against the 10-minute target of issue 4.
# Usage: bench/scan/bench_scan.sh BUILD_DIR [ROWS] [WORK_DIR]
set -eu
build=${1:-build}
rows=${2:-10000000}
work=${3:-$(mktemp -d)}
grappe="$build/src/cli/grappe"
mkdir -p "$work"
if [ ! -f "$work/register.grr" ]; then
  "$grappe" --quiet demo-register --out "$work" --establishments "$rows" --seed 1
  "$grappe" --quiet ingest --etablissements "$work/StockEtablissement_utf8.csv" \
    --unites-legales "$work/StockUniteLegale_utf8.csv" \
    --successions "$work/StockEtablissementLiensSuccession_utf8.csv" --out "$work/register.grr"
fi
start=$(date +%s.%N)
/usr/bin/time -f "cpu: %U s user, %S s system, %M KiB max resident" \
  "$grappe" scan --register "$work/register.grr" --all --simulations 999 --out "$work/candidates.json"
end=$(date +%s.%N)
echo "$rows rows: scan --all wall time $(echo "$start $end" | awk '{printf "%.1f", $2 - $1}') s (target: 600 s on 2 cores)"
