#!/usr/bin/env bash
# Browser tests of the web app (issue 8): npm ci if needed, build, start a server, run the journey
# in Debian's headless Chromium, print "N passed, N failed".
#   Server: the real `grappe serve` (GRAPPE_BIN, default build/src/cli/grappe), with
#   `grappe demo --no-serve` preparing register, candidates and the demo initiative.
#   Screenshots go to web/e2e/artifacts/.
set -euo pipefail
web=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$web/.." && pwd)
cd "$web"
artifacts="$web/e2e/artifacts"
mkdir -p "$artifacts"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]]; then echo "e2e: $CHROMIUM not found (scripts/install-deps.sh --test installs chromium)"; echo "0 passed, 1 failed"; exit 1; fi

[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
tmp=$(mktemp -d /tmp/grappe-e2e.XXXXXX)
echo "== unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile="$tmp/unit.json" || true
unit=$(node -e "const r=require('$tmp/unit.json');console.log(r.numPassedTests+' '+(r.numFailedTests+(r.numRuntimeErrorTestSuites||0)))" 2>/dev/null || echo "0 1")
echo "== build"
npm run -s build >/dev/null
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done; return 1; }

bin=${GRAPPE_BIN:-$root/build/src/cli/grappe}
if [[ ! -x "$bin" ]]; then echo "e2e: $bin not found: build grappe first (scripts/build.sh)"; echo "0 passed, 1 failed"; exit 1; fi

port=$(free_port)
base="http://127.0.0.1:$port"
echo "== grappe demo --no-serve (register, scan, demo initiative) in $tmp"
demo_args=(demo --no-serve --workdir "$tmp/demo")
[[ -n "${E2E_ESTABLISHMENTS:-}" ]] && demo_args+=(--establishments "$E2E_ESTABLISHMENTS")
"$bin" "${demo_args[@]}" > "$tmp/demo.out" 2> "$tmp/demo.err" || { cat "$tmp/demo.err"; echo "0 passed, 1 failed"; exit 1; }
password=$(sed -n 's/.*admin: *[^ ]* *password: *\([^ ]*\).*/\1/p' "$tmp/demo.out" | head -1)
if [[ -z "$password" ]]; then cat "$tmp/demo.out"; echo "e2e: no password in grappe demo's output"; echo "0 passed, 1 failed"; exit 1; fi
email=animatrice@demo.grappe.fr
args=(serve --db "$tmp/demo/grappe.db" --port "$port" --web "$web/dist")
[[ -f "$tmp/demo/register.grappe" ]] && args+=(--register "$tmp/demo/register.grappe")
# The demo's founders file gives the lineage its spin-off edges (as `grappe demo` serves it).
if [[ -f "$tmp/demo/register.grappe" && -f "$tmp/demo/sirene/founders.csv" ]]; then
  args+=(--founders "$tmp/demo/sirene/founders.csv" --salt-file "$tmp/demo/person.salt")
fi
candidates="$tmp/demo/candidates.json"
if [[ ! -f "$candidates" ]]; then cat "$tmp/demo.err"; echo "e2e: grappe demo wrote no candidates"; echo "0 passed, 1 failed"; exit 1; fi
args+=(--candidates "$candidates")
echo "== grappe ${args[*]}"
"$bin" "${args[@]}" > "$tmp/serve.log" 2>&1 &
pids+=($!)
if ! wait_http "$base/api/v1/health"; then cat "$tmp/serve.log"; echo "0 passed, 1 failed"; exit 1; fi

echo "== browser journey against the server at $base"
E2E_RESULT="$tmp/e2e.json" node e2e/journey.mjs "$base" "$email" "$password" "$artifacts" || true
e2e=$(node -e "const r=require('$tmp/e2e.json');console.log(r.passed+' '+r.failed)" 2>/dev/null || echo "0 1")
read -r up uf <<<"$unit"
read -r ep ef <<<"$e2e"
echo "unit: $up passed, $uf failed; browser: $ep passed, $ef failed"
echo "$((up + ep)) passed, $((uf + ef)) failed"
[[ $((uf + ef)) -eq 0 ]]
