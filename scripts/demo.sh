#!/usr/bin/env bash
# Quick start 1: install, build, then run the main job on the demo register
# (demo register → ingest → scan → report → a demo initiative → web app on http://127.0.0.1:8080).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --demo
exec "$root/build/src/cli/grappe" demo --workdir "$root/demo-output" --web "$root/web/dist" "$@"
