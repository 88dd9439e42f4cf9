#!/bin/sh
# Markdown table of a run_scale.sh work folder (stages.tsv): wall, CPU (user + system), CPU/wall
# (cores actually used), peak RSS, load average at start and end, and rows per second of wall
# and of CPU for the ROWS establishment rows. Usage: bench/scale/summarise.sh WORK [ROWS]
set -eu
work=$1
rows=${2:-40000000}
echo "| stage | started (UTC) | wall | CPU (user + sys) | cores used | peak RSS | rows/s (wall) | rows/s (CPU) | load avg start → end |"
echo "|---|---|---|---|---|---|---|---|---|"
tail -n +2 "$work/stages.tsv" | awk -F'\t' -v rows="$rows" '{
  cpu = $3 + $4
  printf "| %s | %s | %.0f s (%.1f min) | %.0f s | %.2f | %.2f GiB | %.0f | %.0f | %s → %s |\n",
    $1, substr($8, 12, 8), $2, $2 / 60, cpu, ($2 > 0 ? cpu / $2 : 0), $5 / 1048576, ($2 > 0 ? rows / $2 : 0),
    (cpu > 0 ? rows / cpu : 0), $6, $7 }'
