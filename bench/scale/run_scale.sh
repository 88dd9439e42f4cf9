#!/bin/sh
# One machine, national size (issue 10): a demo register of ROWS establishment rows (default
# 40 million, the size of the real SIRENE stock), streamed to disk, then ingest, measure (every
# NAF sub-class), kd --all (every sub-class, 99 simulations) and scan --all, each stage timed
# with /usr/bin/time -v (wall, CPU, peak RSS). Writes WORK/stages.tsv and one log per stage;
# bench/scale/summarise.sh turns them into the table of bench/SCALE.md.
#
# Usage: bench/scale/run_scale.sh GRAPPE [ROWS] [WORK] [KD_MAX_POINTS]
#   GRAPPE: the grappe binary (copy it first if you keep building: a stage reads it when it starts)
#   SCAN_GRAPPE (environment, optional): another binary for the scan stage, read when it starts
# Heavy: about 13 GB of CSV for 40 M rows; run it at `nice -n 10` under nohup.
set -eu
grappe=$1
rows=${2:-40000000}
work=${3:-/tmp/grappe-scale}
kd_max=${4:-2000}
mkdir -p "$work"
stages="$work/stages.tsv"
[ -f "$stages" ] || printf 'stage\twall_s\tuser_s\tsys_s\tmax_rss_kb\tload_start\tload_end\tstarted_utc\n' > "$stages"

# run NAME BINARY ARGS…: skipped when WORK/NAME.done exists (a restarted run resumes).
run() {
  name=$1; shift
  [ -f "$work/$name.done" ] && { echo "skip $name (done)"; return 0; }
  load0=$(cut -d' ' -f1 /proc/loadavg); start=$(date -u +%FT%TZ)
  echo "$start start $name: $*"
  /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"
  load1=$(cut -d' ' -f1 /proc/loadavg)
  awk -v n="$name" -v l0="$load0" -v l1="$load1" -v s="$start" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, t, ":"); w = (k == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { u = $2 } /System time/ { y = $2 } /Maximum resident/ { m = $2 }
    END { printf "%s\t%.1f\t%.1f\t%.1f\t%d\t%s\t%s\t%s\n", n, w, u, y, m, l0, l1, s }' "$work/$name.time" >> "$stages"
  touch "$work/$name.done"
  echo "$(date -u +%FT%TZ) end $name"
}

csv="$work/StockEtablissement_utf8.csv"
run demo_register "$grappe" demo-register --out "$work" --establishments "$rows" --seed 1
run ingest "$grappe" ingest --etablissements "$csv" --unites-legales "$work/StockUniteLegale_utf8.csv" \
  --successions "$work/StockEtablissementLiensSuccession_utf8.csv" --out "$work/register.grr"
# The CSV files are not needed any more: free the shared disk.
rm -f "$csv" "$work/StockUniteLegale_utf8.csv" "$work/StockEtablissementLiensSuccession_utf8.csv"
run measure "$grappe" measure --register "$work/register.grr" --level subclass --out "$work/measure.csv"
run kd "$grappe" kd --register "$work/register.grr" --all --level subclass --simulations 99 \
  --max-points "$kd_max" --summary "$work/kd_summary.csv" --out "$work/kd.csv"
run scan "${SCAN_GRAPPE:-$grappe}" scan --register "$work/register.grr" --all --out "$work/candidates.json"
echo "$(date -u +%FT%TZ) all stages done"
