#!/usr/bin/env bash
# bench/memory-per-request.sh: memory each concurrency model spends per in-flight request (docs/concurrency.md).
#
#   bench/memory-per-request.sh [N] [DELAY]      (defaults: N=100 in flight, delay 4 s)
#
# For each server: RSS of its whole process tree idle (after one warm-up request), then again while N requests with
# the given delay are in flight (sampled at half the delay), then (loaded - idle) / N. The Flask/gunicorn servers come
# from bench/.venv (bench/run.sh creates it); the local stack runs the real template and handler. Servers with fewer
# slots than N (2 workers, 2 threads) hold only their slots in flight; the table says how many.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
DELAY=${2:-4}
[ -x bench/.venv/bin/gunicorn ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q -r bench/requirements.txt; }
source bench/jars.sh
LOGS=target/bench/memory; mkdir -p "$LOGS"

tree_rss_kb() { # PID: RSS of the process and all its descendants, in KiB
  local pids; pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '{p[$1]=$2} END {for (k in p) {x=k; while (x != "" && x != 0) {if (x == root) {print k; break} x=p[x]}}}')
  ps -o rss= -p $(echo "$pids" | paste -sd, -) | awk '{s+=$1} END {print s}'
}

echo "| server | slots | in flight | idle RSS (MiB) | loaded RSS (MiB) | per in-flight request (KiB) |"
echo "|---|---:|---:|---:|---:|---:|"
measure() { # NAME SLOTS CMD...
  local name=$1 slots=$2; shift 2
  local port; port=$(free_port)
  local cmd=("${@//\{port\}/$port}")
  setsid env PORT="$port" "${cmd[@]}" >"$LOGS/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/csv_test?delay=0" && break; sleep 0.1; done
  sleep 1
  local idle; idle=$(tree_rss_kb "$pid")
  local n=$N; [ "$slots" != "∞" ] && [ "$slots" -lt "$N" ] && n=$slots
  "${LOAD_TOOL[@]}" \
    --url "http://127.0.0.1:$port/csv_test?delay=$DELAY" -n "$n" --suffix --timeout 120s --no-progress >"$LOGS/$name.load" 2>&1 &
  local load=$!
  sleep "$(python3 -c "print($DELAY/2)")"
  local loaded; loaded=$(tree_rss_kb "$pid")
  wait "$load" || true
  kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  python3 -c "i,l,n=$idle,$loaded,$n; print(f'| $name | $slots | {n} | {i/1024:.1f} | {l/1024:.1f} | {max(l-i,0)/n:.0f} |')"
}

PY=bench/.venv/bin/python; G=bench/.venv/bin/gunicorn; APP=(--chdir bench/flask_app app:app)
measure "Flask dev server, threaded" "∞" $PY bench/flask_app/app.py --port '{port}'
measure "gunicorn -w 2 (sync)" 2 $G -b '127.0.0.1:{port}' -w 2 "${APP[@]}"
measure "gunicorn -w 1 --threads 2" 2 $G -b '127.0.0.1:{port}' -w 1 --threads 2 "${APP[@]}"
measure "gunicorn -k gevent" "∞" $G -b '127.0.0.1:{port}' -k gevent "${APP[@]}"
measure "local stack (an environment per request)" "∞" "${LOCAL_STACK[@]}" start-api -p '{port}' --quiet --no-stage-throttling
