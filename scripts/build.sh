#!/usr/bin/env bash
# Builds grappe (Release) into build/ and the web app into web/dist. Usage: scripts/build.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ccache: paths relative to the checkout, so that another clone of the same code hits the cache.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build=${1:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel "$(nproc)"
if [[ -f "$root/web/package.json" ]]; then
  (cd "$root/web" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; } && npm run -s build)
fi
