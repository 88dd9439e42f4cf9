#!/usr/bin/env bash
# Speed of grappe kd against R dbmss (the reference implementation) on the oracle point files.
# Usage: bench/measure/run_bench.sh [path/to/grappe] [--threads N]
# When R with dbmss is installed, dbmss runs on the same inputs in this run and the ratio is
# measured; otherwise grappe's times are printed next to dbmss's timings documented in
# tests/data/oracles/README.md (same machine class: 2 cores), clearly labelled as such.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
grappe="${1:-$root/build/src/cli/grappe}"
threads="${2:-0}"
data="$root/tests/data/oracles/dbmss"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have_dbmss=0
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(dbmss))' >/dev/null 2>&1; then have_dbmss=1; fi

# best of N runs: "wall cpu" seconds (cpu = user + system over all threads). On a shared machine
# the wall time suffers from other processes; the cpu time much less.
best_of() {
  local n="$1"; shift
  local best="" best_cpu=""
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    read -r wall user sys < "$work/time"
    local cpu; cpu=$(echo "$user + $sys" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$wall < $best" | bc -l) )); then best="$wall"; fi
    if [[ -z "$best_cpu" ]] || (( $(echo "$cpu < $best_cpu" | bc -l) )); then best_cpu="$cpu"; fi
  done
  printf '%.3f %.3f' "$best" "$best_cpu"
}

dbmss_time() {  # file type simulations
  Rscript - "$1" "$2" "$3" <<'RS'
suppressMessages(library(dbmss))
a <- commandArgs(TRUE); X <- read.csv(a[1]); sims <- as.integer(a[3])
P <- wmppp(data.frame(X = X$x, Y = X$y, PointType = X$type, PointWeight = X$weight))
r <- seq(0, 180000, 1000)
t <- system.time(if (sims == 0) Kdhat(P, r, a[2], a[2], Approximate = 0) else
                 KdEnvelope(P, r, NumberOfSimulations = sims, ReferenceType = a[2], Approximate = 0, Global = TRUE))
cat(sprintf("%.3f\n", t[["elapsed"]]))
RS
}

# max relative difference of grappe's curve from the dbmss oracle where kd ≥ 1% of its maximum
agreement() {
  python3 - "$1" "$2" <<'PY'
import csv, sys
g = [float(r["kd"]) for r in csv.DictReader(open(sys.argv[1]))]
o = [float(r["kd"]) for r in csv.DictReader(open(sys.argv[2]))]
peak = max(o)
print("%.1e" % max(abs(a - b) / abs(b) for a, b in zip(g, o) if abs(b) >= 0.01 * peak))
PY
}

printf 'grappe: %s (threads: %s, %s cores); load average before: %s\n' "$("$grappe" --version)" "${threads/#0/all}" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %9s %9s %10s %10s %10s %s\n' case wall_s cpu_s dbmss_s ratio cpu_ratio note
run_case() {  # label file type simulations documented_dbmss_seconds oracle
  local label="$1" file="$2" type="$3" sims="$4" documented="$5" oracle="${6:-}"
  local reps=3; (( sims >= 99 )) && reps=1
  local times t cpu
  times=$(best_of "$reps" "$grappe" -q kd --points "$data/$file" --type "$type" --simulations "$sims" --threads "$threads" --out "$work/kd.csv")
  t="${times% *}" cpu="${times#* }"
  local note=""
  [[ -n "$oracle" ]] && note="max rel. diff. from the dbmss oracle $(agreement "$work/kd.csv" "$data/$oracle")"
  local ref ratio cpu_ratio="-"
  if (( have_dbmss )); then
    ref=$(dbmss_time "$data/$file" "$type" "$sims"); note="$note (dbmss measured in this run)"
  elif [[ -n "$documented" ]]; then
    ref="$documented"; note="$note (dbmss: documented timing, oracles/README.md, not measured here)"
  else
    ref=""; note="$note (no dbmss reference)"
  fi
  if [[ -n "$ref" ]]; then
    local low="${ref%%-*}" high="${ref##*-}"
    if [[ "$low" == "$high" ]]; then ratio=$(printf '%.1fx' "$(echo "$low / $t" | bc -l)")
    else ratio=$(printf '%.1f-%.1fx' "$(echo "$low / $t" | bc -l)" "$(echo "$high / $t" | bc -l)"); fi
    if (( $(echo "$cpu > 0.015" | bc -l) )); then
      if [[ "$low" == "$high" ]]; then cpu_ratio=$(printf '%.1fx' "$(echo "$low / $cpu" | bc -l)")
      else cpu_ratio=$(printf '%.1f-%.1fx' "$(echo "$low / $cpu" | bc -l)" "$(echo "$high / $cpu" | bc -l)"); fi
    fi
  else ratio="-"; fi
  printf '%-40s %9s %9s %10s %10s %10s %s\n' "$label" "$t" "$cpu" "${ref:--}" "$ratio" "$cpu_ratio" "$note"
}

echo "ratio = dbmss seconds / grappe wall seconds; cpu_ratio = dbmss seconds / grappe cpu seconds (dbmss runs on one core, so its wall = cpu; on a loaded machine cpu_ratio is the stable figure)"
run_case "Kdhat 5k A (n=500)"                   points5k.csv A 0 "" points5k_kd_A.csv
run_case "Kdhat 20k A (n=2000)"                 points20k.csv A 0 "0.23-0.36" points20k_kd_A.csv
run_case "Kdhat 20k Z (n=16000)"                points20k.csv Z 0 "7.1"
run_case "KdEnvelope 5k A (n=500), 999 sims"    points5k.csv A 999 "7.4"
run_case "KdEnvelope 20k A (n=2000), 99 sims"   points20k.csv A 99 "11.9"
run_case "KdEnvelope 20k A (n=2000), 999 sims"  points20k.csv A 999 ""
run_case "KdEnvelope 20k Z (n=16000), 99 sims"  points20k.csv Z 99 "616"
