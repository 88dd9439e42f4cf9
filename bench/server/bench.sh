#!/usr/bin/env bash
# Survey submissions per second and latency (p50/p99) with wrk on loopback against `grappe serve`
# on SQLite, and on PostgreSQL when GRAPPE_TEST_PG_URL is set (run it through
# tests/server/with_postgres.sh to get one). Per store and mode (keep-alive, a new connection per
# request): 50 and 200 connections in a closed loop (each sends again as soon as it has its
# answer: the capacity), then 200 connections paced at BENCH_RATE submissions/s offered (a
# constant rate, as latency objectives are measured). Peer: the goal in docs/workspace.md
# (≥ 2,000 submissions/s with p99 < 50 ms at 200 connections).
#   [BENCH_RATE=2200] [BENCH_STORES="sqlite postgresql"] bench/server/bench.sh [path/to/grappe] [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
grappe=${1:-$root/build/src/cli/grappe}
seconds=${2:-10}
rate=${BENCH_RATE:-2200}  # submissions/s offered in the paced runs (200 connections)
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is not installed (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d /tmp/grappe-bench.XXXXXX)
server_pid=
port=
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# 1,000 firms in one candidate: 1,000 personal links.
python3 - "$work/candidates.json" <<'PY'
import json, sys
members = [{"siret": "9%013d" % i, "name": "Firm %d" % i, "address": "", "commune": "Romorantin", "headcount": 5,
            "lon": 1.74, "lat": 47.36} for i in range(1000)]
json.dump({"candidates": [{"rank": 1, "score": 1, "p_value": 0.001, "codes": ["31.01Z"], "center": {"lon": 1.74, "lat": 47.36},
           "radius_m": 5000, "members": members}]}, open(sys.argv[1], "w"))
PY

table=()  # one markdown row per run, printed at the end (bench/server/RESULTS.md)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of a process
# The same summed over the local PostgreSQL's processes (0 for SQLite or a remote database): on
# one machine, server and database share the cores, so both count in the capacity.
db_ticks() {
  [[ $1 == postgresql ]] || { echo 0; return; }
  local total=0 pid
  for pid in $(pgrep -x postgres); do total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo "$total"
}

run_wrk() {  # $1 label, $2 mode, $3 connections, $4 offered rate (0: closed loop)
  local label=$1 mode=$2 connections=$3 offered=$4
  local cpu_before db_before; cpu_before=$(cpu_ticks "$server_pid"); db_before=$(db_ticks "$label")
  local close_header=(); [[ $mode == close ]] && close_header=(-H "Connection: close")
  local pacing=(); ((offered > 0)) && pacing=(GRAPPE_RATE="$offered")
  # wrk's own CPU time too: it shares the cores with the server (and PostgreSQL) on loopback.
  env GRAPPE_TOKENS="$work/tokens.txt" GRAPPE_THREADS=2 "${pacing[@]}" /usr/bin/time -f '%U %S' -o "$work/wrk.cpu" wrk -t2 -c"$connections" -d"${seconds}s" --latency \
    "${close_header[@]}" -s "$root/bench/server/submit.lua" "http://127.0.0.1:$port" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  # Server CPU time per submission: what the load of other processes cannot inflate much,
  # so it gives the capacity of an idle machine (cores / CPU time per submission).
  local requests cpu_us db_us per_tick
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  per_tick=$(( 1000000 / $(getconf CLK_TCK) ))
  cpu_us=$(( ( $(cpu_ticks "$server_pid") - cpu_before ) * per_tick / (requests > 0 ? requests : 1) ))
  db_us=$(( ( $(db_ticks "$label") - db_before ) * per_tick / (requests > 0 ? requests : 1) ))
  local wrk_us; wrk_us=$(awk -v n="$requests" '{printf "%d", ($1 + $2) * 1000000 / (n > 0 ? n : 1)}' "$work/wrk.cpu")
  local load="closed loop"; ((offered > 0)) && load="paced, $offered/s offered"
  printf '%-10s %-10s %4d connections, %-24s %8s submissions/s  p50 %8s  p99 %8s  non-2xx %s  server CPU %s µs/submission  database CPU %s µs  wrk CPU %s µs\n' \
    "$label" "$mode" "$connections" "$load:" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu_us" "$db_us" "$wrk_us"
  local mode_name=keep-alive; [[ $mode == close ]] && mode_name="new connection"
  table+=("| $label | $connections | $mode_name | $load | ${rps%.*} | $p50 | $p99 | ${errors:-0} | $cpu_us µs | $db_us µs | $wrk_us µs |")
}

run_store() {  # $1 label, $2 database
  local label=$1 db=$2
  port=$((20000 + RANDOM % 20000))
  "$grappe" serve --db "$db" --port "$port" --web "" --survey-rate 1000000 --candidates "$work/candidates.json" \
    --init-admin bench@grappe.test >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
  local password; password=$(awk '/one-time password/ {print $NF}' "$work/serve.out")
  local api="http://127.0.0.1:$port/api/v1"
  curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench@grappe.test\",\"password\":\"$password\"}" "$api/session" >"$work/login.json"
  local csrf; csrf=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['csrf_token'])" "$work/login.json")
  local auth=(-sf -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json')
  # The printed one-time password must be replaced before anything else.
  curl "${auth[@]}" -X PUT -d "{\"current\":\"$password\",\"password\":\"the bench's own password\"}" \
    "$api/session/password" >/dev/null
  local initiative; initiative=$(curl "${auth[@]}" -d '{"name":"bench","candidate_index":0}' "$api/initiatives" |
    python3 -c "import json,sys;print(json.load(sys.stdin)['id'])")
  local survey; survey=$(curl "${auth[@]}" -d '{}' "$api/initiatives/$initiative/surveys" |
    python3 -c "import json,sys;print(json.load(sys.stdin)['id'])")
  curl "${auth[@]}" -d '{}' "$api/surveys/$survey/invitations" |
    python3 -c "import json,sys;[print(i['token']) for i in json.load(sys.stdin)['items']]" >"$work/tokens.txt"
  curl "${auth[@]}" -d '{}' "$api/surveys/$survey/open" >/dev/null
  # keep-alive (a browser, a load balancer keeping connections) and one connection per
  # request (as the shipped nginx does: no upstream keep-alive, docs/deploy.md §5). Each mode
  # at 50 and 200 connections in a closed loop (capacity), then at 200 connections paced at
  # $rate submissions/s offered (the latency objective's measure).
  local unanswered_links="import json,sys;r=json.load(sys.stdin);print(r['invited'] - r['responded'])"
  for mode in keep-alive close; do
    run_wrk "$label" "$mode" 50 0
    # The later rows are replaced answers only: on a loaded machine the first row may end
    # before every link got its first answer, so the rest are sent here, outside the table.
    local left pass
    for pass in 1 2 3 4 5 6; do
      left=$(curl "${auth[@]}" "$api/surveys/$survey/results" | python3 -c "$unanswered_links")
      ((left == 0)) && break
      echo "$label: $left links not answered yet, 10 more seconds of first answers (not in the table)"
      env GRAPPE_TOKENS="$work/tokens.txt" GRAPPE_THREADS=2 wrk -t2 -c50 -d10s -s "$root/bench/server/submit.lua" \
        "http://127.0.0.1:$port" >/dev/null
    done
    run_wrk "$label" "$mode" 200 0
    run_wrk "$label" "$mode" 200 "$rate"
  done
  local stored; stored=$(curl "${auth[@]}" "$api/surveys/$survey/results" |
    python3 -c "import json,sys;r=json.load(sys.stdin);print(r['responded'], 'of', r['invited'], 'links answered')")
  echo "$label: $stored"
  if [[ -s "$work/serve.err" ]]; then
    echo "$label: the server wrote $(wc -l <"$work/serve.err") lines on stderr, the first ones:"
    head -3 "$work/serve.err"
  fi
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "grappe serve, survey submissions (PUT /api/v1/survey/{token}), wrk -t2, ${seconds}s per run, $(nproc) cores, load average before the run $load_before"
stores=${BENCH_STORES:-sqlite postgresql}
[[ " $stores " == *" sqlite "* ]] && run_store sqlite "$work/bench.db"
if [[ " $stores " != *" postgresql "* ]]; then
  :
elif [[ -n "${GRAPPE_TEST_PG_URL:-}" ]]; then
  run_store postgresql "$GRAPPE_TEST_PG_URL"
else
  echo "postgresql: skipped (GRAPPE_TEST_PG_URL not set; run through tests/server/with_postgres.sh)"
fi
echo
echo "load average before the run: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| store | connections | mode | load | submissions/s | p50 | p99 | non-2xx | server CPU per submission | database CPU per submission | wrk CPU per submission |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${table[@]}"
