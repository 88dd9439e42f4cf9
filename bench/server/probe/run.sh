#!/usr/bin/env bash
# The probe behind the choice of libmicrohttpd (docs/deploy.md, "HTTP engine"): the survey's
# PUT handler, bare, on cpp-httplib 0.11 and on libmicrohttpd 0.9.75, wrk on loopback.
#   bench/server/probe/run.sh [seconds] [connections]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-5}; connections=${2:-200}
work=$(mktemp -d /tmp/grappe-probe.XXXXXX)
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
g++ -O2 -std=c++20 "$here/probe_httplib.cpp" -o "$work/httplib" $(pkg-config --cflags --libs cpp-httplib) -pthread
g++ -O2 -std=c++20 "$here/probe_mhd.cpp" -o "$work/mhd" -lmicrohttpd
echo "wrk -t2 -c$connections -d${seconds}s, $(nproc) cores, $(uptime | sed 's/.*load/load/')"
for engine in httplib mhd; do
  for mode in keep-alive close; do
    port=$((20000 + RANDOM % 20000))
    threads=$([[ $engine == httplib ]] && echo 256 || echo 2)
    "$work/$engine" "$port" "$threads" & pid=$!
    sleep 0.3
    extra=(); [[ $mode == close ]] && extra=(-H "Connection: close")
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "${extra[@]}" -s "$here/../submit.lua" \
      "http://127.0.0.1:$port" >"$work/wrk.txt" 2>&1 || true
    printf '%-8s %-10s %10s req/s  p50 %8s  p99 %8s  %s\n' "$engine" "$mode" \
      "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")" "$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")" \
      "$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")" "$(grep -E 'Socket errors' "$work/wrk.txt" || true)"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
done
echo "after: $(uptime | sed 's/.*load/load/')"
