#!/usr/bin/env bash
# Times `grappe ingest` against R data.table::fread and pandas read_csv on the same
# StockEtablissement file, in one run, and prints the ratios and peak memory (RSS).
#   bench/register/bench_ingest.sh [ROWS=10000000] [WORKDIR=/tmp/grappe-bench-register] [THREADS=2]
# The file comes from `grappe demo-register --establishments ROWS`. Peers: Debian r-cran-data.table and
# python3-pandas (apt-get install r-cran-data.table python3-pandas), skipped when absent (pandas
# also when SKIP_PANDAS is set).
set -euo pipefail
rows=${1:-10000000}
work=${2:-/tmp/grappe-bench-register}
threads=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
grappe=${GRAPPE:-$root/build/src/cli/grappe}
mkdir -p "$work"
csv="$work/StockEtablissement_utf8.csv"

if [[ ! -s "$csv" || "$(cat "$work/rows" 2>/dev/null)" != "$rows" ]]; then
  echo "== generating $rows establishments with grappe demo-register"
  "$grappe" demo-register --out "$work" --establishments "$rows"
  echo "$rows" > "$work/rows"
fi
echo "file: $csv ($(du -hL "$csv" | cut -f1)), $threads threads"
cat "$csv" > /dev/null  # warm the page cache so that every reader starts equal

# run NAME COMMAND…: prints "NAME seconds peak_rss_MB" using /usr/bin/time -v.
results=()
run() {
  local name=$1
  shift
  local log="$work/$name.time"
  if ! /usr/bin/time -v "$@" > "$work/$name.out" 2> "$log"; then
    echo "$name failed:"; tail -5 "$log"; return 0
  fi
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u+s}' "$log")
  printf "%-10s %8.2f s wall %8.1f s cpu %7s MB peak RSS  %s\n" "$name" "$wall" "$cpu" "$rss" \
    "$(grep -hE 'rows' "$work/$name.out" "$log" 2>/dev/null | head -1)"
  results+=("$name $wall $cpu $rss")
}

run grappe "$grappe" ingest --etablissements "$csv" --out "$work/register.grappe" --threads "$threads" \
  --summary "$work/summary.json" --rejects "$work/rejects.csv"
# The demo file plants a few rows with a wrong number of fields (as INSEE's files sometimes
# have). fread stops reading at the first one ("Stopped early on line …", and fill = TRUE
# crashes data.table 1.14.8), so the peers read a copy without them: otherwise fread's time
# would be that of reading the first few thousand rows.
peer_csv="$work/peer_input.csv"
awk -F, 'NR > 1 && $2 == "field_count" {print $1}' "$work/rejects.csv" > "$work/skip_lines"
awk 'NR == FNR {skip[$1]; next} !(FNR in skip)' "$work/skip_lines" "$csv" > "$peer_csv"
echo "peers read $peer_csv ($(wc -l < "$work/skip_lines") rows with a wrong field count removed)"
cat "$peer_csv" > /dev/null
if Rscript -e 'library(data.table)' >/dev/null 2>&1; then
  run fread Rscript -e "library(data.table); setDTthreads($threads); d <- fread('$peer_csv'); cat(nrow(d), 'rows\n')"
else
  echo "fread: skipped (apt-get install r-cran-data.table)"
fi
if [[ -z "${SKIP_PANDAS:-}" ]] && /usr/bin/python3 -c 'import pandas' >/dev/null 2>&1; then
  run pandas /usr/bin/python3 -c "import pandas; d = pandas.read_csv('$peer_csv', low_memory=False); print(len(d), 'rows')"
else
  echo "pandas: skipped (apt-get install python3-pandas)"
fi

# ratios, and one tab-separated line per peer for bench/peers.sh:
#   row  case  grappe_wall  grappe_cpu  peer  peer_wall  peer_cpu  note
read -r _ g_wall g_cpu g_rss <<<"$(printf '%s\n' "${results[@]}" | awk '$1 == "grappe"')"
for r in "${results[@]}"; do
  set -- $r
  [[ $1 == grappe ]] && continue
  awk -v n="$1" -v t="$2" -v c="$3" -v g="$g_wall" -v gc="$g_cpu" \
    'BEGIN {printf "grappe ingest is %.2fx faster than %s (wall), %.2fx (cpu)\n", t/g, n, c/gc}'
  printf 'row\tingest, %s demo rows (%s threads)\t%s\t%s\t%s\t%s\t%s\tpeak RSS grappe %s MB, %s %s MB\n' \
    "$rows" "$threads" "$g_wall" "$g_cpu" "$1" "$2" "$3" "$g_rss" "$1" "$4"
done
