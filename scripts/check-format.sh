#!/usr/bin/env bash
# Formatting and lint of the C++ a change touches (docs/architecture.md, "Formatting"):
# clang-format --dry-run --Werror and clang-tidy (.clang-format, .clang-tidy) on the lines changed
# since the merge base with origin/main (or main); on that base itself, the uncommitted lines or
# else the last commit's. Only changed lines are checked: older code is not reformatted wholesale
# and the check stays fast.
# Usage: scripts/check-format.sh [BUILD_DIR]   (clang-tidy reads BUILD_DIR/compile_commands.json;
# without it only the formatting is checked).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build}

base=""
for ref in origin/main main; do
  if git rev-parse -q --verify "$ref^{commit}" >/dev/null; then
    base=$(git merge-base HEAD "$ref")
    break
  fi
done
if [[ -z "$base" || "$base" == "$(git rev-parse HEAD)" ]]; then
  # On the base itself: the uncommitted changes, or else the last commit's.
  if git diff --quiet HEAD; then base=$(git rev-parse -q --verify 'HEAD~1^{commit}' || true); else base=HEAD; fi
fi
[[ -n "$base" ]] || { echo "check-format: no base commit to compare with"; exit 0; }

# "file first:last" for each changed range of the C++ sources (added or modified lines).
ranges=$(git diff -U0 --no-color --diff-filter=ACMR "$base" -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' \
  'tests/*.hpp' 'python/*.cpp' 'python/*.hpp' 'bench/*.cpp' | awk '
  /^\+\+\+ b\// { file = substr($0, 7) }
  /^@@/ { split($3, a, ","); start = substr(a[1], 2); count = (a[2] == "" ? 1 : a[2]);
          if (count > 0) print file, start ":" start + count - 1 }')
if [[ -z "$ranges" ]]; then
  echo "check-format: no C++ lines changed since $(git rev-parse --short "$base")"
  exit 0
fi
mapfile -t files < <(cut -d' ' -f1 <<<"$ranges" | sort -u)
echo "check-format: ${#files[@]} C++ files changed since $(git rev-parse --short "$base")"

status=0
for f in "${files[@]}"; do
  args=()
  while read -r _ lines; do args+=("--lines=$lines"); done < <(grep -F "$f " <<<"$ranges")
  clang-format --dry-run --Werror "${args[@]}" "$f" || status=1
done
[[ $status -eq 0 ]] || echo "check-format: run clang-format on the lines above (git clang-format $(git rev-parse --short "$base"))"

if [[ -f "$build/compile_commands.json" ]] && command -v clang-tidy >/dev/null; then
  # The changed lines of every file, so that a source's headers are checked where they changed too.
  filter=$(awk '{ split($2, l, ":"); printf "%s{\"name\":\"%s\",\"lines\":[[%s,%s]]}", (NR > 1 ? "," : ""), $1, l[1], l[2] }' <<<"$ranges")
  for f in "${files[@]}"; do
    [[ "$f" == *.cpp ]] && grep -q "\"file\": *\"[^\"]*/$f\"" "$build/compile_commands.json" || continue
    # GCC-only options in compile_commands.json (-Wno-restrict; pybind11's -fno-fat-lto-objects
    # on the Python module) are not clang's: not a finding in our code.
    clang-tidy --quiet -p "$build" --extra-arg=-Wno-unknown-warning-option \
      --extra-arg=-Wno-ignored-optimization-argument --warnings-as-errors='*' --line-filter="[$filter]" "$f" \
      2>/dev/null || status=1
  done
fi
exit $status
