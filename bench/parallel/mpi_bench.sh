#!/usr/bin/env bash
# grappe kd, scan and simulate on 1, 2 and 4 MPI ranks (one thread each) against the same
# command without MPI (one thread, then every core), on one demo register. Prints wall and CPU
# seconds, the CPU seconds of the busiest rank (its wall time on cores of its own: on a shared
# machine the wall clock mostly measures the other jobs), the speed-ups over one rank, and
# checks that every run wrote the same bytes as the single-thread run.
# Usage: bench/parallel/mpi_bench.sh [build/src/cli/grappe] [establishments (300000)] [work dir]
# REPEAT=n runs each line n times and keeps the fastest. Figures measured here: docs/mpi.md.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
grappe=$(realpath "${1:-build/src/cli/grappe}")
establishments=${2:-300000}
work=${3:-$(mktemp -d /tmp/grappe_mpi_bench.XXXXXX)}
mkdir -p "$work" && cd "$work"
command -v mpirun >/dev/null || { echo "mpirun not found: scripts/install-deps.sh installs openmpi-bin" >&2; exit 1; }
scenario=$here/../../tests/data/sim/scenario.json
mpirun="mpirun --allow-run-as-root --oversubscribe"

if [[ ! -f register.grappe ]]; then
  "$grappe" demo-register --out demo --establishments "$establishments" --seed 1 >/dev/null 2>&1
  "$grappe" ingest --etablissements demo/StockEtablissement_utf8.csv --unites-legales demo/StockUniteLegale_utf8.csv \
    --out register.grappe >/dev/null 2>&1
fi

declare -A commands=(
  [kd]="kd --register register.grappe --sector 56 --simulations 199 --out OUT.csv"
  [scan]="scan --register register.grappe --all --simulations 99 --out OUT.json"
  [simulate]="simulate --scenario $scenario --replications 4000 --sweep hours --out OUT.json"
)
extension() { case $1 in kd) echo csv ;; *) echo json ;; esac; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# Runs one line; sets wall, cpu (all processes) and busiest (CPU of the busiest rank).
measure() {
  local ranks=$1
  shift
  rm -f rank_time.*
  if ((ranks == 0)); then
    /usr/bin/time -f "%e %U %S" -o time.txt "$@" >/dev/null 2>log.txt || { cat log.txt >&2; exit 1; }
  else
    /usr/bin/time -f "%e %U %S" -o time.txt $mpirun -np "$ranks" \
      sh -c 'exec /usr/bin/time -f "%U %S" -o "rank_time.$OMPI_COMM_WORLD_RANK" "$0" "$@"' "$@" >/dev/null 2>log.txt ||
      { cat log.txt >&2; exit 1; }
  fi
  read -r wall user sys <time.txt
  cpu=$(add "$user" "$sys")
  busiest=$cpu
  if ((ranks > 0)); then
    busiest=0
    for f in rank_time.*; do
      read -r u s <"$f"
      t=$(add "$u" "$s")
      if less "$busiest" "$t"; then busiest=$t; fi
    done
  fi
}

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $establishments establishments"
printf '| command | run | wall s | CPU s | busiest rank CPU s | wall speed-up | busiest-rank speed-up | same output |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for name in kd scan simulate; do
  ext=$(extension "$name")
  one_wall="" one_busiest=""
  for run in "no MPI, 1 thread" "no MPI, all cores" "1 rank" "2 ranks" "4 ranks"; do
    out="${name}_${run//[ ,]/_}"
    args=${commands[$name]//OUT/$out}
    best_wall="" best_cpu="" best_busiest=""
    for ((i = 0; i < ${REPEAT:-1}; ++i)); do
      # shellcheck disable=SC2086
      case $run in
        "no MPI, 1 thread") measure 0 "$grappe" $args --threads 1 ;;
        "no MPI, all cores") measure 0 "$grappe" $args ;;
        *) measure "${run%% *}" "$grappe" $args --mpi --threads 1 ;;
      esac
      if [[ -z $best_wall ]] || less "$wall" "$best_wall"; then best_wall=$wall best_cpu=$cpu best_busiest=$busiest; fi
    done
    speedup="" busiest_speedup=""
    if [[ $run == "1 rank" ]]; then one_wall=$best_wall one_busiest=$best_busiest; fi
    if [[ -n $one_wall ]]; then
      speedup=$(ratio "$one_wall" "$best_wall")
      busiest_speedup=$(ratio "$one_busiest" "$best_busiest")
    fi
    if [[ $run == "no MPI, all cores" ]]; then best_busiest=""; fi
    same=$(cmp -s "${name}_no_MPI__1_thread.$ext" "$out.$ext" && echo yes || echo NO)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$run" "$best_wall" "$best_cpu" "$best_busiest" \
      "$speedup" "$busiest_speedup" "$same"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; files in $work"
