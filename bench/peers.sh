#!/usr/bin/env bash
# Every peer comparison of the README's performance table, in one go, on this machine:
#   Kd and M vs R dbmss, DBSCAN vs R dbscan, ingest vs data.table::fread, network indicators vs
#   NetworkX (several runs: median and range), the simulator on 1 and 2 threads.
# Usage: bench/peers.sh [BUILD_DIR=build] [SECTION…]
#   SECTION: kd, m, dbscan, ingest, network, simulation (default: all, in that order). Each
#   section's rows are kept in bench/peers/SECTION.tsv and bench/PEERS.md is rewritten from every
#   .tsv there, so sections can be rerun alone (each takes 1–8 min on a loaded 2-core machine).
#   env: INGEST_ROWS (1000000), DBSCAN_POINTS (1000000), NETWORK_RUNS (5), SIM_REPLICATIONS (1000)
# Peers: bench/setup_peers.sh installs them (Debian packages, and dbmss with the future ≥ 1.32 it
# needs, built from their public repositories). Each section runs under `timeout`; the load
# average (`uptime`) is recorded before and after each one, as wall times depend on it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
shift $(($# > 0 ? 1 : 0))
sections=("$@")
((${#sections[@]})) || sections=(kd m dbscan ingest network simulation)
out="$root/bench/PEERS.md"
kept="$root/bench/peers"
mkdir -p "$kept"
ingest_rows="${INGEST_ROWS:-1000000}"
dbscan_points="${DBSCAN_POINTS:-1000000}"
network_runs="${NETWORK_RUNS:-5}"
sim_replications="${SIM_REPLICATIONS:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
grappe="$build/src/cli/grappe"

for binary in "$grappe" "$build/bench/scan/dbscan_bench" "$build/bench/animation/bench_animation_network" \
  "$build/bench/sim/sim_bench"; do
  [[ -x "$binary" ]] || {
    echo "peers: $binary is missing: cmake --build $build --target grappe dbscan_bench bench_animation_network sim_bench" >&2
    exit 2
  }
done
Rscript -e 'suppressMessages({library(dbmss); library(dbscan); library(data.table)})' >/dev/null 2>&1 &&
  /usr/bin/python3 -c 'import networkx' 2>/dev/null || {
  echo "peers: a peer is missing (R dbmss, dbscan, data.table; python3-networkx): run bench/setup_peers.sh" >&2
  exit 2
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# section NAME LIMIT_SECONDS COMMAND…: runs it, keeps its log, files its "row" lines with the load
section() {
  local name="$1" limit="$2"; shift 2
  local before; before="$(load)"
  echo "== $name (load $before)" >&2
  # bash -c: the network and simulation sections are functions of this script (exported below)
  if ! timeout "$limit" bash -c '"$@"' "$name" "$@" > "$work/$name.log" 2>&1; then
    echo "peers: $name failed or exceeded ${limit} s:" >&2; tail -5 "$work/$name.log" >&2; exit 1
  fi
  local after; after="$(load)"
  grep -v '^row	' "$work/$name.log" >&2 || true
  # section  case  g_wall  g_cpu  peer  p_wall  p_cpu  note  load_before  load_after  date
  grep '^row	' "$work/$name.log" | cut -f2- |
    sed "s|^|$name\t|; s|\$|\t$before\t$after\t$(date -u '+%Y-%m-%d %H:%M')|" > "$kept/$name.tsv"
}

# The network bench prints one timing line per run; the row is the median of the ratios, with
# their range (NetworkX's betweenness dominates and varies with the load).
network() {
  local n=1000
  for _ in $(seq "$network_runs"); do "$build/bench/animation/bench_animation_network" "$n" | tail -1; done |
    tee /dev/stderr | python3 -c '
import statistics, sys
runs = [line.split() for line in sys.stdin if line.strip()]
g_wall, g_cpu, p_wall, p_cpu, ratio, cpu_ratio = ([float(r[i]) for r in runs] for i in range(2, 8))
med = statistics.median
print("row\tnetwork indicators, 1,000 firms (%d runs: median, ratio range)\t%.3f\t%.3f\tNetworkX\t%.2f\t%.2f\t"
      "wall ratio %.0f-%.0fx, CPU ratio %.0f-%.0fx; %s edges"
      % (len(runs), med(g_wall), med(g_cpu), med(p_wall), med(p_cpu), min(ratio), max(ratio),
         min(cpu_ratio), max(cpu_ratio), runs[0][1]))'
}

# The simulator has no packaged peer: wall and CPU on 2 threads and on 1 (same run, same results).
simulation() {
  "$build/bench/sim/sim_bench" "$sim_replications" 2000 2 | tee /dev/stderr | python3 -c '
import re, sys
text = sys.stdin.read()
two = re.search(r"grappe simulate: wall ([0-9.]+) s, CPU ([0-9.]+) s", text)
one = re.search(r"1 thread: wall ([0-9.]+) s, CPU ([0-9.]+) s \(wall speed-up ([0-9.]+)×, identical results: (\w+)", text)
print("row\tsimulation, %s × 2,000 firms × 180 months, 2 threads\t%s\t%s\tsame run, 1 thread\t%s\t%s\t"
      "wall speed-up of 2 threads %s×, identical results: %s" % (sys.argv[1], two[1], two[2], one[1], one[2], one[3], one[4]))
' "$sim_replications"
}

export -f network simulation
export build network_runs sim_replications
for name in "${sections[@]}"; do
  case "$name" in
    kd) section kd 600 "$root/bench/measure/run_bench.sh" "$grappe" 0 kd ;;
    m) section m 600 "$root/bench/measure/run_bench.sh" "$grappe" 0 m ;;
    dbscan) section dbscan 300 "$root/bench/scan/bench_dbscan.sh" "$build" "$dbscan_points" ;;
    ingest) section ingest 600 env GRAPPE="$grappe" SKIP_PANDAS=1 "$root/bench/register/bench_ingest.sh" "$ingest_rows" "$work/ingest" 2 ;;
    network) section network 600 network ;;
    simulation) section simulation 300 simulation ;;
    *) echo "peers: unknown section $name (kd, m, dbscan, ingest, network, simulation)" >&2; exit 2 ;;
  esac
done

{
  echo "# Peer comparisons, one run"
  echo
  echo "Written by \`bench/peers.sh\` (rows of bench/peers/*.tsv, each section run in one go): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM,"
  echo "grappe $("$grappe" --version | awk '{print $NF}'), $(Rscript -e 'cat("R", as.character(getRversion()), "dbmss", as.character(packageVersion("dbmss")), "dbscan", as.character(packageVersion("dbscan")), "data.table", as.character(packageVersion("data.table")))'),"
  echo "NetworkX $(/usr/bin/python3 -c 'import networkx; print(networkx.__version__)'). Every peer ran right after grappe on the same input."
  echo
  echo "CPU = user + system over all threads; the ratios divide the peer's time by grappe's. The machine"
  echo "is shared, so the wall times depend on the load (1-, 5-, 15-minute averages before → after each"
  echo "case); the CPU ratio is the steadier figure."
  echo
  echo "| case | grappe wall | grappe CPU | peer | peer wall | peer CPU | ratio wall | ratio CPU | run (UTC), load before → after | note |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for name in kd m dbscan ingest network simulation; do
    [[ -f "$kept/$name.tsv" ]] || continue
    awk -F'\t' '{
      wall = ($3 > 0) ? sprintf("%.1f×", $6 / $3) : "-"; cpu = ($4 > 0) ? sprintf("%.1f×", $7 / $4) : "-"
      printf "| %s | %.2f s | %.2f s | %s | %.2f s | %.2f s | %s | %s | %s, %s → %s | %s |\n", $2, $3, $4, $5, $6, $7, wall, cpu, $11, $9, $10, $8
    }' "$kept/$name.tsv"
  done
} > "$out"
cat "$out"
