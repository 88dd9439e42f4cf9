#!/bin/sh
# DBSCAN: grappe vs R's dbscan package (Debian r-cran-dbscan) on the same 1M points, eps 1 km,
# minPts 20, best of 3 runs each (wall and CPU = user + system). Usage:
#   bench/scan/bench_dbscan.sh BUILD_DIR [N]
# The last line is tab-separated for bench/peers.sh:
#   row  case  grappe_wall  grappe_cpu  peer  peer_wall  peer_cpu  note
set -eu
build=${1:-build}
n=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bench/scan/dbscan_bench" generate "$tmp/points.csv" "$n" 2026
ours=$("$build/bench/scan/dbscan_bench" run "$tmp/points.csv" 1000 20)
echo "$ours"
theirs=$(Rscript -e '
suppressMessages(library(dbscan)); p <- as.matrix(read.csv(commandArgs(TRUE)[1]))
best <- Inf; best_cpu <- Inf
for (i in 1:3) {
  t <- system.time(r <- dbscan(p, eps = 1000, minPts = 20))
  best <- min(best, t[["elapsed"]]); best_cpu <- min(best_cpu, t[["user.self"]] + t[["sys.self"]])
}
cat(sprintf("R dbscan: %d points, %d clusters, %d noise, %.3f s wall, %.3f s cpu\n", nrow(p), max(r$cluster),
            sum(r$cluster == 0), best, best_cpu))' "$tmp/points.csv")
echo "$theirs"
secs() { echo "$1" | sed 's/.*, \([0-9.]*\) s wall, \([0-9.]*\) s cpu$/\1 \2/'; }
clusters() { echo "$1" | sed 's/.*points, \([0-9]*\) clusters, \([0-9]*\) noise.*/\1 clusters, \2 noise/'; }
set -- $(secs "$ours") $(secs "$theirs")
echo "speed-up (R time / grappe time): wall $(echo "$3 $1" | awk '{printf "%.1f", $1 / $2}')x, cpu $(echo "$4 $2" | awk '{printf "%.1f", $1 / $2}')x"
printf 'row\tDBSCAN, %s points, eps 1 km, minPts 20\t%s\t%s\tR dbscan\t%s\t%s\tgrappe %s; R %s\n' \
  "$n" "$1" "$2" "$3" "$4" "$(clusters "$ours")" "$(clusters "$theirs")"
