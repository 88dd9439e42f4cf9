#!/usr/bin/env bash
# Builds grappe (Release) into build/ and the web app into web/dist.
# Usage: scripts/build.sh [--demo] [BUILD_DIR] [-DOPTION=VALUE …]
#   --demo   only what `grappe demo` needs: no tests, benchmarks or Python module (a few minutes
#            instead of about 15 on 2 cores)
# The options are always passed explicitly: CMake keeps cached values, so a tree configured by
# --demo would otherwise stay without its tests when scripts/test.sh reuses it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ccache: paths relative to the checkout, so that another clone of the same code hits the cache.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
parts=ON
if [[ "${1:-}" == --demo ]]; then parts=OFF; shift; fi
build=$root/build
if [[ $# -gt 0 && "$1" != -D* ]]; then build=$1; shift; fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DGRAPPE_TESTS=$parts -DGRAPPE_BENCH=$parts -DGRAPPE_PYTHON=$parts "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
if [[ -f "$root/web/package.json" ]]; then
  "$root/scripts/web-build.sh"
fi
