#!/usr/bin/env bash
# Speed and agreement of grappe kd / mfun against R dbmss (the reference implementation) on the
# oracle point files, both run here, one after the other, on the same inputs.
# Usage: bench/measure/run_bench.sh [path/to/grappe] [threads (0 = all)] [kd|m|all]
# Needs R with dbmss (bench/setup_peers.sh). Prints a readable table and, for bench/peers.sh,
# one tab-separated "row" line per case:
#   row  case  grappe_wall  grappe_cpu  peer  peer_wall  peer_cpu  note
# CPU = user + system over all threads. dbmss runs its exact Kd and M through RcppParallel, so
# its CPU can exceed its wall too: the CPU ratio compares work, the wall ratio waiting time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
grappe="${1:-$root/build/src/cli/grappe}"
threads="${2:-0}"
which="${3:-all}"
data="$root/tests/data/oracles/dbmss"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! Rscript -e 'suppressMessages(library(dbmss))' >/dev/null 2>&1; then
  echo "run_bench: R package dbmss not found: run bench/setup_peers.sh first" >&2
  exit 2
fi

# best of N runs of a command: "wall cpu" seconds. On a shared machine the wall time suffers
# from other processes, the CPU time much less.
best_of() {
  local n="$1"; shift
  local best="" best_cpu=""
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall user sys < "$work/time"
    local cpu; cpu=$(echo "$user + $sys" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$wall < $best" | bc -l) )); then best="$wall"; fi
    if [[ -z "$best_cpu" ]] || (( $(echo "$cpu < $best_cpu" | bc -l) )); then best_cpu="$cpu"; fi
  done
  printf '%.3f %.3f' "$best" "$best_cpu"
}

# dbmss on FILE, reference TYPE, FUNCTION (kd|m), SIMULATIONS (0: the curve only); writes the
# curve to OUT (columns r,value) and prints "wall cpu" of the computation alone (reading the
# file and loading the package are not timed; system.time counts child processes' CPU too).
dbmss_run() {
  Rscript - "$@" 2>"$work/r.err" <<'RS' || { cat "$work/r.err" >&2; exit 1; }
suppressMessages(library(dbmss))
a <- commandArgs(TRUE); X <- read.csv(a[1]); type <- a[2]; fun <- a[3]; sims <- as.integer(a[4])
P <- wmppp(data.frame(X = X$x, Y = X$y, PointType = X$type, PointWeight = X$weight))
r <- if (fun == "kd") seq(0, 180000, 1000) else c(0, 1, 2, 5, 10, 20, 50, 100, 180) * 1000
curve <- NULL
t <- system.time({
  if (fun == "kd" && sims == 0) curve <- Kdhat(P, r, type, type, Approximate = 0)
  if (fun == "kd" && sims > 0) curve <- KdEnvelope(P, r, NumberOfSimulations = sims, ReferenceType = type,
                                                   Approximate = 0, Global = TRUE, verbose = FALSE)
  if (fun == "m" && sims == 0) curve <- Mhat(P, r, type)
  if (fun == "m" && sims > 0) curve <- MEnvelope(P, r, NumberOfSimulations = sims, ReferenceType = type,
                                                 Global = TRUE, verbose = FALSE)
})
value <- if (fun == "kd") curve$Kd else curve$M
if (is.null(value)) value <- curve$obs
write.csv(data.frame(r = curve$r, value = value), a[5], row.names = FALSE)
cpu <- sum(t[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE)
cat(sprintf("%.3f %.3f\n", t[["elapsed"]], cpu))
RS
}

# max relative difference of grappe's curve (column COL) from dbmss's, where dbmss's value is at
# least 1% of its maximum (the tails of Kd are ~0 and carry only rounding)
agreement() {
  python3 - "$1" "$2" "$3" <<'PY'
import csv, math, sys
num = lambda v: math.nan if v in ("NA", "") else float(v)  # R writes NA, grappe NaN
g = [num(r[sys.argv[3]]) for r in csv.DictReader(open(sys.argv[1]))]
o = [num(r["value"]) for r in csv.DictReader(open(sys.argv[2]))]
assert len(g) == len(o), (len(g), len(o))
pairs = [(a, b) for a, b in zip(g, o) if not math.isnan(b)]  # M is undefined at r = 0
peak = max(abs(b) for _, b in pairs)
print("%.1e" % max(abs(a - b) / abs(b) for a, b in pairs if abs(b) >= 0.01 * peak))
PY
}

printf 'grappe: %s (threads: %s, %s cores); dbmss %s; load: %s\n' "$("$grappe" --version)" \
  "${threads/#0/all}" "$(nproc)" "$(Rscript -e 'cat(as.character(packageVersion("dbmss")))')" "$(uptime)"
printf '%-38s %8s %8s %8s %8s %9s %9s  %s\n' case g_wall g_cpu d_wall d_cpu wall_x cpu_x "max rel. diff. of the observed curve"

run_case() {  # label file type function simulations
  local label="$1" file="$2" type="$3" fun="$4" sims="$5"
  local reps=3; (( sims > 0 )) && reps=1
  local ours theirs r_args=(--rmax 180000)
  [[ "$fun" == m ]] && r_args=(--r 0,1000,2000,5000,10000,20000,50000,100000,180000)
  ours=$(best_of "$reps" "$grappe" -q "$([[ $fun == kd ]] && echo kd || echo mfun)" --points "$data/$file" \
    --type "$type" --simulations "$sims" --threads "$threads" "${r_args[@]}" --out "$work/ours.csv")
  theirs=$(dbmss_run "$data/$file" "$type" "$fun" "$sims" "$work/theirs.csv")
  local diff; diff=$(agreement "$work/ours.csv" "$work/theirs.csv" "$([[ $fun == kd ]] && echo kd || echo m)")
  local gw="${ours% *}" gc="${ours#* }" dw="${theirs% *}" dc="${theirs#* }"
  printf '%-38s %8s %8s %8s %8s %8.1fx %8.1fx  %s\n' "$label" "$gw" "$gc" "$dw" "$dc" \
    "$(echo "$dw / $gw" | bc -l)" "$(echo "$dc / ($gc + 0.0005)" | bc -l)" "$diff"
  printf 'row\t%s\t%s\t%s\tdbmss\t%s\t%s\tmax rel. diff. %s\n' "$label" "$gw" "$gc" "$dw" "$dc" "$diff"
}

if [[ "$which" != m ]]; then
  run_case "Kd, 2,000 points (20k file, type A)" points20k.csv A kd 0
  run_case "Kd, 16,000 points (20k file, type Z)" points20k.csv Z kd 0
  run_case "Kd envelope, 500 points, 999 sim." points5k.csv A kd 999
  run_case "Kd envelope, 2,000 points, 99 sim." points20k.csv A kd 99
fi
if [[ "$which" != kd ]]; then
  run_case "M, 2,000 of 20,000 points" points20k.csv A m 0
  run_case "M envelope, 2,000 of 20,000, 99 sim." points20k.csv A m 99
fi
echo "load after: $(uptime)"
