#!/usr/bin/env bash
# Soak: ROUNDS rounds of N concurrent requests held through the local stack (each request sleeps DELAY seconds, so
# all N are in flight together), with 0 errors and flat memory. A benchmark script with a bounded time, not a test.
#
#   bash bench/soak.sh                      # warm-up bursts, then 5 rounds x 1,000 concurrent, delay=2
#   ROUNDS=10 N=1000 DELAY=5 bash bench/soak.sh
#
# A soak looks for errors and growth under sustained load, on the environments a burst of N brings up. It first
# sends warm-up bursts (the same N and DELAY; reported, not judged) until one starts no new execution environment,
# at most WARMUP (3). N cold environments at once on a 2-core machine is a different test: each cold environment of
# the function runs its SnapStart priming (a real request with an S3 GET) and then its first request's S3 GET, all
# against the one embedded S3 in the stack's JVM and on the same 2 cores, so a share of them end in the function's
# own 504 upstream-timeout (its 5 s S3 budget). The warm-up lines print those figures.
# It starts the local stack (`local-stack.jar start-api -p <free>`, waits for "Local API ready: <url>"), then per round
# runs the load tool (`load-tool.jar --url <url>/csv_test?delay=DELAY -n N --json <file>`), then forces a full GC
# in the local stack's JVM and reads its heap with `jcmd <pid> GC.heap_info`. Memory is "flat" when the heap after GC
# in the last round is at most FLAT_FACTOR x the first round's plus FLAT_SLACK_MB (the first round already holds
# N warm environments, so growth after it would be a leak). Results: target/soak/ (one JSON per round, summary.txt).
# The whole run is cut at TIME_LIMIT seconds.
#
# Interfaces used:
#   - the local stack prints "Local API ready: http://127.0.0.1:<port>";
#   - the load tool takes --url, -n, --json and writes {"ok": n, "failed": n, "errors": {...}, "latencyMs": {...}, ...};
#     every failed request (a non-200 or a transport error) counts as an error here.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-3}
N=${N:-1000}
DELAY=${DELAY:-2}
FLAT_FACTOR=${FLAT_FACTOR:-1.25}
FLAT_SLACK_MB=${FLAT_SLACK_MB:-16}
TIME_LIMIT=${TIME_LIMIT:-900}
STACK_ARGS=${STACK_ARGS:-"--no-stage-throttling --quiet"}
OUT="$ROOT/target/soak"
source bench/jars.sh   # the function, the local stack's and the load tool's jars
run_load() { # run_load <url> <n> <json>
  "${LOAD_TOOL[@]}" --url "$1" -n "$2" --json "$3"
}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # N sockets on each side
rm -rf "$OUT" && mkdir -p "$OUT"
PORT=$(free_port)

# Bounded: a watchdog ends the whole script (and the stack) after TIME_LIMIT seconds.
# Its stdout is /dev/null: a sleep holding the caller's pipe open (| tee) would keep the caller waiting after we end.
# Killing the watchdog also ends its sleep (its TERM trap), so no orphaned sleep outlives the soak.
( exec > /dev/null; sleep "$TIME_LIMIT" & nap=$!; trap 'kill "$nap" 2>/dev/null; exit 0' TERM; wait "$nap";
  echo "SOAK: time limit of $TIME_LIMIT s reached" >&2; kill -TERM $$ ) &
WATCHDOG=$!

# In its own process group, so the stack and any JVM it forks are stopped together, by that group's id.
# --no-stage-throttling: the template's route throttle would answer 429 to later rounds, as API Gateway would; the
# soak measures the emulator and the function under load, not the throttle (tested on its own).
# shellcheck disable=SC2086 # STACK_ARGS is a list of flags
setsid "${LOCAL_STACK[@]}" start-api -p "$PORT" $STACK_ARGS > "$OUT/local-stack.log" 2>&1 &
STACK=$!
cleanup() {
  kill "$WATCHDOG" 2>/dev/null || true
  # The group exists once setsid has run; right after the start it may not yet, then the process itself is signalled.
  kill -TERM -- "-$STACK" 2>/dev/null || kill -TERM "$STACK" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$STACK" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$STACK" 2>/dev/null || true
}
trap cleanup EXIT

URL=$(stack_url "$OUT/local-stack.log" "$STACK" 120) || { echo "SOAK: the local stack did not start" >&2; exit 1; }
# The JVM that serves the port (the stack may run inside Maven's JVM or a forked one).
PID=$(ss -ltnpH "sport = :$PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1 || true)
[ -n "$PID" ] || { echo "SOAK: no process listens on port $PORT" >&2; exit 1; }
echo "local stack: $URL (pid $PID); $ROUNDS rounds x $N concurrent requests at delay=$DELAY"

heap_after_gc_kb() {
  jcmd "$PID" GC.run > /dev/null
  # First line of GC.heap_info, e.g. " garbage-first heap   total reserved 12582912K, committed 262144K, used 23456K [...]"
  jcmd "$PID" GC.heap_info | sed -n 's/.*, used \([0-9]*\)K.*/\1/p' | head -1
}

errors_in() { # errors_in <json>: the load tool's failed requests (non-200 answers and transport errors)
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(int(d["failed"]))' "$1"
}
latency_in() { # latency_in <json>: "p50/p99" in ms
  python3 -c 'import json, sys; l = json.load(open(sys.argv[1]))["latencyMs"]; print("%.0f/%.0f" % (l["p50"], l["p99"]))' "$1"
}

# Environments the stack started so far: it logs one "<Function>#<n> init <ms> ms ..." line per environment.
environments() { grep -cE '^[A-Za-z0-9]+#[0-9]+ init [0-9]+ ms' "$OUT/local-stack.log" || true; }
errors_by_kind() { # errors_by_kind <json>: " (HTTP 504: 38, ...)" or nothing
  python3 -c 'import json, sys; e = json.load(open(sys.argv[1]))["errors"]; print(" (" + ", ".join(f"{k}: {v}" for k, v in e.items()) + ")" if e else "")' "$1"
}

TOTAL_ERRORS=0
declare -a HEAPS=() WARMUP_LINES=()
for burst in $(seq 1 "$WARMUP"); do
  json="$OUT/warmup-$burst.json"
  before=$(environments)
  t0=$(date +%s.%N)
  run_load "$URL/csv_test?delay=$DELAY" "$N" "$json" > "$OUT/warmup-$burst.log" 2>&1 || true
  wall=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  [ -s "$json" ] || { echo "SOAK: warm-up burst $burst wrote no $json; see $OUT/warmup-$burst.log" >&2; exit 1; }
  sleep 1   # the stack's last init lines
  started=$(( $(environments) - before ))
  WARMUP_LINES+=("$(printf 'SOAK: warm-up burst %d (not judged): %d concurrent, %d new environments, %d errors%s, wall %s s, p50/p99 %s ms' \
    "$burst" "$N" "$started" "$(errors_in "$json")" "$(errors_by_kind "$json")" "$wall" "$(latency_in "$json")")")
  echo "${WARMUP_LINES[-1]}"
  [ "$started" -gt 0 ] || break
done
printf 'round  requests  errors  wall_s  p50/p99_ms  heap_after_gc_MB\n' | tee "$OUT/summary.txt"
for round in $(seq 1 "$ROUNDS"); do
  json="$OUT/round-$round.json"
  t0=$(date +%s.%N)
  run_load "$URL/csv_test?delay=$DELAY" "$N" "$json" > "$OUT/round-$round.log" 2>&1 || true
  wall=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  [ -s "$json" ] || { echo "SOAK: round $round wrote no $json; see $OUT/round-$round.log" >&2; exit 1; }
  errors=$(errors_in "$json")
  TOTAL_ERRORS=$((TOTAL_ERRORS + errors))
  heap=$(heap_after_gc_kb)
  HEAPS+=("$heap")
  printf '%5d  %8d  %6d  %6s  %10s  %16.1f\n' "$round" "$N" "$errors" "$wall" "$(latency_in "$json")" \
    "$(echo "$heap / 1024" | bc -l)" | tee -a "$OUT/summary.txt"
done

first=${HEAPS[0]}; last=${HEAPS[-1]}
flat=$(python3 -c "print('yes' if $last <= $first * $FLAT_FACTOR + $FLAT_SLACK_MB * 1024 else 'no')")
line=$(printf 'SOAK: %d rounds x %d concurrent, %d errors, heap after GC %.1f -> %.1f MB (flat: %s); load average %s on %s cores' \
  "$ROUNDS" "$N" "$TOTAL_ERRORS" "$(echo "$first / 1024" | bc -l)" "$(echo "$last / 1024" | bc -l)" "$flat" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)")
printf '%s\n' "${WARMUP_LINES[@]}" >> "$OUT/summary.txt"
echo "$line" | tee -a "$OUT/summary.txt"
echo "For docs/performance.md: $(uname -m), $(nproc) cores, $(date -u +%F); command: WARMUP=$WARMUP ROUNDS=$ROUNDS N=$N DELAY=$DELAY bash bench/soak.sh"
[ "$TOTAL_ERRORS" -eq 0 ] && [ "$flat" = yes ]
