#!/usr/bin/env bash
# Quick start 2: install, build and run the whole test suite (unit tests under ASan/UBSan,
# the Release build's integration tests, PostgreSQL, browser tests, short fuzzing runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# ccache: paths relative to the checkout, so that another clone of the same code hits the cache.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
"$root/scripts/install-deps.sh" --test
cd "$root"
jobs=$(nproc)

echo "== clang-format and clang-tidy on the changed lines"
"$root/scripts/check-format.sh" "$root/build"

echo "== Release build and full test suite"
"$root/scripts/build.sh" "$root/build" -DGRAPPE_WERROR=ON
(cd build && ctest --output-on-failure --parallel "$jobs" --timeout 900)

echo "== Workspace store and API tests against a throwaway PostgreSQL 15"
"$root/tests/server/with_postgres.sh" ctest --test-dir build --output-on-failure -R '/postgres' --timeout 900

echo "== Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGRAPPE_SANITIZE=ON -DGRAPPE_BENCH=OFF >/dev/null
cmake --build build-asan --parallel "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure --parallel "$jobs" -L unit --timeout 900)

if [[ -x "$root/scripts/fuzz.sh" ]]; then
  echo "== Short fuzzing runs"
  "$root/scripts/fuzz.sh" 30
fi
if [[ -x "$root/web/e2e/run.sh" ]]; then
  echo "== Browser tests"
  "$root/web/e2e/run.sh"
fi
