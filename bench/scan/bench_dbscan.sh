#!/bin/sh
# DBSCAN: grappe vs R's dbscan package (Debian r-cran-dbscan) on the same 1M points, eps 1 km,
# minPts 20. Usage: bench/scan/bench_dbscan.sh BUILD_DIR [N]
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
best <- Inf; for (i in 1:3) { t <- system.time(r <- dbscan(p, eps = 1000, minPts = 20))[["elapsed"]]; best <- min(best, t) }
cat(sprintf("R dbscan: %d points, %d clusters, %d noise, %.3f s\n", nrow(p), max(r$cluster), sum(r$cluster == 0), best))' "$tmp/points.csv")
echo "$theirs"
a=$(echo "$ours" | sed 's/.*, \([0-9.]*\) s$/\1/')
b=$(echo "$theirs" | sed 's/.*, \([0-9.]*\) s$/\1/')
echo "speed-up (R time / grappe time): $(echo "$b $a" | awk '{printf "%.1f", $1 / $2}')x"
