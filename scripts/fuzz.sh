#!/usr/bin/env bash
# Short libFuzzer runs (SQLite-style robustness): builds the fuzz targets in build-fuzz/ with
# clang (-fsanitize=fuzzer,address,undefined) and runs each for SECONDS (default 30).
#   scripts/fuzz.sh [SECONDS]
# Targets: the SIRENE CSV reader and the register-file loader (tests/register/fuzz/).
set -euo pipefail
seconds=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
targets=(csv_reader_fuzz register_open_fuzz)
sanitizers="-fsanitize=address,undefined -fno-sanitize-recover=undefined"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DGRAPPE_FUZZ=ON -DGRAPPE_BENCH=OFF -DGRAPPE_SERVER=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $sanitizers -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
cmake --build "$build" --target "${targets[@]}" --parallel "${FUZZ_JOBS:-2}"

seeds="$root/tests/data/register"
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    csv_reader_fuzz) cp -n "$seeds"/*.csv "$corpus"/ 2>/dev/null || true ;;
    register_open_fuzz) cp -n "$seeds"/*.grappe "$corpus"/ 2>/dev/null || true ;;
  esac
  echo "== fuzzing $target for ${seconds}s"
  exe=$(find "$build" -name "$target" -type f -perm -u+x | head -1)
  (cd "$build" && "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
    "$corpus" 2>&1 | tail -n 12)
done
