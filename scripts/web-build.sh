#!/usr/bin/env bash
# Builds the web app into web/dist (npm ci when node_modules is missing). Needs Node.js ≥ 18.18:
# Debian 12's own nodejs (18.19) is enough — the pinned Vite 6, Vitest 3 and playwright-core 1.61
# still support Node 18 (Vite ≥ 7 and playwright-core ≥ 1.62 need Node 20).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((major < 18)); then
  echo "web-build: Node.js ≥ 18 is needed for the web app, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
cd "$root/web"
[[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error
npm run -s build
