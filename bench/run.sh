#!/usr/bin/env bash
# bench/run.sh: the benchmarks behind docs/performance.md, all measured in ONE run on this machine.
#
#   bench/run.sh [--quick] [--skip-flask] [--skip-sam-local] [--only sam-local] [--out FILE]
#
#   --quick           N up to 1,000 only and no serial Flask run at N=100 (about 2 minutes instead of about 12)
#   --skip-flask      no Flask/gunicorn baselines (no Python venv needed)
#   --skip-sam-local  no sam local stage (it needs root for its own dockerd; see bench/sam-local.sh)
#   --only sam-local  only the sam local stage: bench/sam-local.sh, its raw results saved to
#                     docs/measurements/sam-local-bench/, and only its section of the report rewritten
#   --out FILE        where to write the report (default docs/performance.md)
#
# Environment knobs (defaults in brackets):
#   BENCH_DELAY [5]            delay (s) for the bare servers and the local stack at N = 2 ... 10,000.
#                              5 s: long enough that 10,000 connects (~1 s on 2 cores) fit inside it,
#                              short enough that the whole matrix stays within minutes.
#   BENCH_BASELINE_DELAY [2]   delay (s) for the Flask/gunicorn baselines (serial servers take N x delay).
#   BENCH_LOOP_SECONDS [10]    closed-loop duration for the delay=0 throughput runs; BENCH_LOOP_CONCURRENCY [32].
#                              Latency at delay=0 (p50/p99) comes from a separate 5 s run with 1 request in flight:
#                              with 32 in flight on 2 cores, queueing (32 / throughput) would swamp the overhead.
#   LOCAL_STACK_ARGS [--concurrency-limit 10000 --no-stage-throttling --quiet]
#                              arguments for the local stack's start-api. N=10,000 needs an account concurrency limit
#                              above Lambda's default 1,000 and the template's stage throttling (ThrottlingRateLimit,
#                              ThrottlingBurstLimit) switched off, as it would be raised for such a test on AWS.
#   LOCAL_STACK_S3_LATENCY_ARGS [--s3-endpoint {endpoint} --quiet --no-reload]
#                              how the local stack is pointed at the S3 with 0.5 s added latency for the overlap run;
#                              "{endpoint}" is replaced by the URL of the S3 with added latency (dev.csvtest.bench.SlowS3). Empty = not measured.
#   LOCAL_STACK_JVM_ARGS [-XX:MaxRAMPercentage=50 -XX:TieredStopAtLevel=1]  10,000 environments hold ~0.7 MB each
#                              (docs/local-stack.md); C1 only, as Lambda's java21 runtime (cli/LambdaJit.java).
#
# What it does: builds the tools' jars once (bench/jars.sh) and the Lambda zip as `sam build` lays it out, starts every
# server on a free loopback port, runs the load tool (load-tool/target/load-tool.jar) with --json against it, stops
# it, and renders docs/performance.md with bench/report.py. Raw results and logs: target/bench/. A section whose
# piece could not run is rendered as "not measured: <reason>".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0
FLASK=1
SAM_LOCAL=1
ONLY=
REPORT=docs/performance.md
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --skip-flask) FLASK=0 ;;
    --skip-sam-local) SAM_LOCAL=0 ;;
    --only) ONLY=$2; shift ;;
    --out) REPORT=$2; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# ==== the sam local stage on its own ==============================================================================
# bench/sam-local.sh measures sam local start-api (default and --warm-containers EAGER), the local stack and the bare
# server in one run of its own (N = 2, 10, 50, delay 2 s; sam local invoke), keeps the raw results in
# docs/measurements/sam-local-bench/ and rewrites only the "sam local beside the local stack" section of the report.
if [ -n "$ONLY" ]; then
  [ "$ONLY" = sam-local ] || { echo "bench/run.sh: --only takes sam-local, not $ONLY" >&2; exit 2; }
  bash bench/sam-local.sh --save docs/measurements/sam-local-bench || exit 1
  python3 bench/sam_local_report.py splice "$REPORT" docs/measurements/sam-local-bench \
    "Measured by \`bench/run.sh --only sam-local\` on its own, not in the same run as the sections above; raw results in docs/measurements/sam-local-bench/."
  echo "bench/run.sh: rewrote the sam local section of $REPORT" >&2
  exit 0
fi

DELAY=${BENCH_DELAY:-5}
BASE_DELAY=${BENCH_BASELINE_DELAY:-2}
LOOP_SECONDS=${BENCH_LOOP_SECONDS:-10}
LOOP_CONCURRENCY=${BENCH_LOOP_CONCURRENCY:-32}
if [ "$QUICK" = 1 ]; then NS="2 100 1000"; else NS="2 100 1000 10000"; fi
MAX_N=${NS##* }

OUT=target/bench
RESULTS=$OUT/results
LOGS=$OUT/logs
rm -rf "$OUT"
mkdir -p "$RESULTS" "$LOGS"
T0=$(date +%s)

log() { printf '[bench %s +%ss] %s\n' "$(date -u +%H:%M:%S)" "$(( $(date +%s) - T0 ))" "$*" >&2; }

# ---- limits: 10,000 sockets on each side, client and server are separate processes ----
HARD_NOFILE=$(ulimit -Hn)
WANT_NOFILE=65536
if [ "$HARD_NOFILE" != unlimited ] && [ "$HARD_NOFILE" -lt "$WANT_NOFILE" ]; then WANT_NOFILE=$HARD_NOFILE; fi
ulimit -n "$WANT_NOFILE"
log "open files limit: $(ulimit -n) (hard $HARD_NOFILE); each process needs > $MAX_N"
if [ "$(ulimit -n)" -le $((MAX_N + 200)) ]; then
  log "WARNING: ulimit -n $(ulimit -n) is too low for N=$MAX_N; raise the hard limit (machine setting)"
fi

# ---- JDK and build (once) ----
log "building: the function, the local stack's, the load tool's and bench's jars (bench/jars.sh; no tests)"
source bench/jars.sh >"$LOGS/build.log" 2>&1 || { cat "$LOGS/build.log" >&2; exit 1; }
# The Lambda zip as `sam build` lays it out: target/classes at the root plus lib/ with the runtime jars.
(cd target/classes && zip -qr -X "$ROOT/$OUT/lambda.zip" .) && (cd target && zip -qr -X "$ROOT/$OUT/lambda.zip" lib)
HANDLER_PRESENT=1
LOCAL_PRESENT=1

# ---- process bookkeeping: we only ever stop the processes this script started ----
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# show_cmd ARGS...: the command as a reader would type it ($JAVA_HOME/bin/java -> java, paths relative to the project)
show_cmd() {
  local a out=()
  for a in "$@"; do
    if [ "$a" = "$JAVA" ]; then a=java
    elif [[ "$a" == "$ROOT"/* ]]; then a=${a#"$ROOT"/}
    elif [[ ! "$a" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then a="'$a'"
    fi
    out+=("$a")
  done
  echo "${out[*]}"
}

# start NAME CMD...: starts a server in the background, logs to $LOGS/NAME.log, sets SERVER_PID
start() {
  local name=$1; shift
  show_cmd "$@" >"$RESULTS/$name.server-cmd"
  "$@" >"$LOGS/$name.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
}

# wait_line NAME REGEX SECONDS: waits for a line in the server's log; prints the first capture group (the URL)
wait_line() {
  local name=$1 regex=$2 limit=$3 deadline=$(( $(date +%s) + $3 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if grep -Eq "$regex" "$LOGS/$name.log" 2>/dev/null; then
      grep -Eo "$regex" "$LOGS/$name.log" | head -1 | grep -Eo 'http://[0-9.]+:[0-9]+'
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { log "$name exited early:"; tail -20 "$LOGS/$name.log" >&2; return 1; }
    sleep 0.05
  done
  log "$name not ready after ${limit}s:"; tail -20 "$LOGS/$name.log" >&2
  return 1
}

# wait_port PORT SECONDS
wait_port() {
  local deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

stop() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# The load tool's JVM: C1 only. A burst lives seconds, so C2's compilations are wasted work that competes with the
# server for the same 2 cores (measured at N=10,000: 1.45 s -> 0.55 s user CPU, fire spread 640 -> 470 ms).
LOAD_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
LOAD_JAR="$ROOT/load-tool/target/load-tool.jar"
STACK_JAR="$ROOT/local-stack/target/local-stack.jar"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# load NAME URL [load tool options...]: one load-tool run; JSON to $RESULTS/NAME.json, summary to $LOGS/NAME.out
load() {
  local name=$1 url=$2; shift 2
  show_cmd "$JAVA" $LOAD_JVM_OPTS -jar "$LOAD_JAR" --url "$url" "$@" >"$RESULTS/$name.cmd"
  local before; before=$(cpu_ticks "$SERVER_PID")
  local rc=0
  local timer=()
  if [ -x /usr/bin/time ]; then # GNU time (Debian package `time`): the client's CPU and memory; optional
    timer=(/usr/bin/time -f '{"clientUserSeconds": %U, "clientSysSeconds": %S, "clientMaxRssKb": %M}' -o "$RESULTS/$name.time")
  fi
  # shellcheck disable=SC2086
  "${timer[@]}" timeout 900 "$JAVA" $LOAD_JVM_OPTS -jar "$LOAD_JAR" --url "$url" "$@" \
    --json "$RESULTS/$name.json" --label "$name" --no-progress >"$LOGS/$name.out" 2>&1 || rc=$?
  local after; after=$(cpu_ticks "$SERVER_PID")
  echo "{\"serverCpuSeconds\": $(awk "BEGIN{print ($after-$before)/100}")}" >"$RESULTS/$name.server-cpu"
  log "$(printf '%-28s' "$name") $(grep -E '^(wall|rate) ' "$LOGS/$name.out" | tr -s ' ' | paste -sd ';' -)$( [ $rc = 0 ] || echo "  [exit $rc: $(grep -E '^errors' "$LOGS/$name.out" | tr -s ' ')]")"
  return 0
}

# ---- machine facts ----
python3 - "$RESULTS/machine.json" <<EOF
import json, os, platform, subprocess, sys, datetime
def sh(c):
    try: return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception: return ""
mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", \$2/1048576}' /proc/meminfo")
json.dump({
  "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
  "nproc": sh("nproc"), "memory": mem,
  "cpu": sh("awk -F': ' '/model name/ {print \$2; exit}' /proc/cpuinfo"),
  "kernel": platform.release(),
  "jdk": sh("'$JAVA' -version 2>&1 | head -2 | tail -1"),
  "python": sh("'$ROOT/bench/.venv/bin/python' --version 2>/dev/null") or platform.python_version(),
  "commit": sh("git rev-parse --short HEAD") + (" (dirty)" if sh("git status --porcelain -- . ':!docs/performance.md'") else ""),
  "nofile": sh("ulimit -n"), "nofileHard": "$HARD_NOFILE",
  "somaxconn": sh("cat /proc/sys/net/core/somaxconn"),
  "synBacklog": sh("cat /proc/sys/net/ipv4/tcp_max_syn_backlog"),
  "portRange": sh("cat /proc/sys/net/ipv4/ip_local_port_range").replace("\t", "-"),
  "loadAvg": sh("cut -d' ' -f1-3 /proc/loadavg"),
  "delay": $DELAY, "baselineDelay": $BASE_DELAY, "ns": "$NS".split(),
  "loopSeconds": $LOOP_SECONDS, "loopConcurrency": $LOOP_CONCURRENCY, "quick": $QUICK == 1,
  "handlerPresent": $HANDLER_PRESENT == 1, "localStackPresent": $LOCAL_PRESENT == 1,
  "zipBytes": os.path.getsize("$OUT/lambda.zip") if os.path.exists("$OUT/lambda.zip") else None,
}, open(sys.argv[1], "w"), indent=2)
EOF
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. the bare limit: two sleep-only servers (3-byte body) ----
for impl in socket jdk; do
  port=$(free_port)
  start "bare-$impl" "$JAVA" -XX:+UseParallelGC -cp "$BENCH_JAR" dev.csvtest.bench.BareServer --impl "$impl" --port "$port"
  url=$(wait_line "bare-$impl" 'Bare server ready: http://[0-9.]+:[0-9]+' 30)
  log "bare-$impl ready at $url"
  # warm the server's JIT first (discarded): the bare limit is a warm server, not a cold JVM
  load "bare-$impl-warmup" "$url/csv_test?delay=0" --duration 2s --concurrency 16 --timeout 30s
  for n in $NS; do
    load "bare-$impl-n$n" "$url/csv_test?delay=$DELAY" -n "$n" --suffix --timeout 120s
  done
  load "bare-$impl-loop" "$url/csv_test?delay=0" --duration "${LOOP_SECONDS}s" --concurrency "$LOOP_CONCURRENCY" --timeout 30s
  load "bare-$impl-latency" "$url/csv_test?delay=0" --duration 5s --concurrency 1 --timeout 30s
  if [ "$impl" = socket ]; then
    # load-tool self-check: the same burst through java.net.http.HttpClient instead of the raw-socket client
    load "client-jdk-n$MAX_N" "$url/csv_test?delay=$DELAY" -n "$MAX_N" --suffix --timeout 120s --client jdk
  fi
  stop
done

# ---- 1b. the same bare socket server answering the function's 300 KB CSV: the machine's cost of moving that body ----
# Not a bare-limit candidate (the goals stay "x the fastest sleep-only server"); it separates what any server pays to
# push 300 KB per request through loopback on these 2 cores from what the local stack adds on top (docs/performance.md).
BODY_FILE=src/main/resources/sample.csv
port=$(free_port)
start "bare-socket-body" "$JAVA" -XX:+UseParallelGC -cp "$BENCH_JAR" dev.csvtest.bench.BareServer --impl socket --port "$port" --body "$BODY_FILE"
url=$(wait_line "bare-socket-body" 'Bare server ready: http://[0-9.]+:[0-9]+' 30)
log "bare-socket-body ready at $url ($(wc -c <"$BODY_FILE") bytes per answer)"
load "bare-socket-body-warmup" "$url/csv_test?delay=0" --duration 2s --concurrency 16 --timeout 30s
for n in $NS; do
  load "bare-socket-body-n$n" "$url/csv_test?delay=$DELAY" -n "$n" --suffix --timeout 120s
done
# The bursts the local stack's cold-environment goals are stated against: 200 x delay=1, 1,000 x delay=2.
load "bare-socket-body-n200-d1" "$url/csv_test?delay=1" -n 200 --suffix --timeout 120s
load "bare-socket-body-n1000-d2" "$url/csv_test?delay=2" -n 1000 --suffix --timeout 120s
load "bare-socket-body-loop" "$url/csv_test?delay=0" --duration "${LOOP_SECONDS}s" --concurrency "$LOOP_CONCURRENCY" --timeout 30s
load "bare-socket-body-latency" "$url/csv_test?delay=0" --duration 5s --concurrency 1 --timeout 30s
stop

# ---- 2. the local stack ----
LOCAL_STACK_ARGS=${LOCAL_STACK_ARGS---concurrency-limit 10000 --no-stage-throttling --quiet --no-reload}
LOCAL_STACK_S3_LATENCY_ARGS=${LOCAL_STACK_S3_LATENCY_ARGS-"--s3-endpoint {endpoint} --quiet --no-reload"}
LOCAL_STACK_JVM_ARGS=${LOCAL_STACK_JVM_ARGS-"-XX:MaxRAMPercentage=50 -XX:TieredStopAtLevel=1"}
if [ "$LOCAL_PRESENT" = 1 ]; then
  # Bursts of cold environments, each on a fresh stack: 200 x delay=1 (a fresh JVM, its JIT still cold), then
  # 1,000 x delay=2 twice on another (cold, then warm: the CPU difference is what the 1,000 new environments cost).
  port=$(free_port)
  # shellcheck disable=SC2086
  start local-fresh "$JAVA" $LOCAL_STACK_JVM_ARGS -jar "$STACK_JAR" start-api -p "$port" $LOCAL_STACK_ARGS
  if url=$(wait_line local-fresh 'Local API ready: http://[0-9.]+:[0-9]+' 120); then
    load "local-fresh-n200-d1" "$url/csv_test?delay=1" -n 200 --suffix --timeout 120s; sleep 1.5
  fi
  stop
  port=$(free_port)
  # shellcheck disable=SC2086
  start local-burst "$JAVA" $LOCAL_STACK_JVM_ARGS -jar "$STACK_JAR" start-api -p "$port" $LOCAL_STACK_ARGS
  if url=$(wait_line local-burst 'Local API ready: http://[0-9.]+:[0-9]+' 120); then
    load "local-n1000-d2-cold" "$url/csv_test?delay=2" -n 1000 --suffix --timeout 120s; sleep 1.5
    load "local-n1000-d2-warm" "$url/csv_test?delay=2" -n 1000 --suffix --timeout 120s; sleep 1.5
  fi
  stop
  port=$(free_port)
  start_ms=$(date +%s%3N)
  # shellcheck disable=SC2086
  start local "$JAVA" $LOCAL_STACK_JVM_ARGS -jar "$STACK_JAR" start-api -p "$port" $LOCAL_STACK_ARGS
  if url=$(wait_line local 'Local API ready: http://[0-9.]+:[0-9]+' 120); then
    ready_ms=$(( $(date +%s%3N) - start_ms ))
    echo "{\"readyMs\": $ready_ms}" >"$RESULTS/local-startup.json"
    log "local stack ready at $url after ${ready_ms} ms"
    # The stack (with --quiet) logs one "burst summary:" line after 1 s without requests: the pauses keep one per run.
    for n in $NS; do
      load "local-n$n-cold" "$url/csv_test?delay=$DELAY" -n "$n" --suffix --timeout 120s; sleep 1.5
      load "local-n$n-warm" "$url/csv_test?delay=$DELAY" -n "$n" --suffix --timeout 120s; sleep 1.5
    done
  else
    echo '{"error": "the local stack did not print its ready line; see target/bench/logs/local.log"}' >"$RESULTS/local-startup.json"
  fi
  stop
  # delay=0 overhead on a fresh stack, warmed like the bare servers: after the N=10,000 bursts the first stack still
  # holds ~10,000 environments (heap, threads finishing their timeouts), which is not the per-request overhead.
  port=$(free_port)
  # shellcheck disable=SC2086
  start local-delay0 "$JAVA" $LOCAL_STACK_JVM_ARGS -jar "$STACK_JAR" start-api -p "$port" $LOCAL_STACK_ARGS
  if url=$(wait_line local-delay0 'Local API ready: http://[0-9.]+:[0-9]+' 120); then
    load "local-warmup" "$url/csv_test?delay=0" --duration 2s --concurrency 16 --timeout 30s; sleep 1.5
    load "local-loop" "$url/csv_test?delay=0" --duration "${LOOP_SECONDS}s" --concurrency "$LOOP_CONCURRENCY" --timeout 30s; sleep 1.5
    load "local-latency" "$url/csv_test?delay=0" --duration 5s --concurrency 1 --timeout 30s; sleep 1.5
  fi
  stop
  # HOOK(overlap): delay=1 through the local stack with 0.5 s of latency in front of its S3. The local stack must be
  # pointed at an external S3; how is its own business, so the arguments come from LOCAL_STACK_S3_LATENCY_ARGS, in
  # which {endpoint}, {bucket} and {key} are replaced (e.g. "--s3-endpoint {endpoint} --bucket {bucket}").
  if [ -n "${LOCAL_STACK_S3_LATENCY_ARGS:-}" ]; then
    start slow-s3 "$JAVA" -cp "$BENCH_JAR" dev.csvtest.bench.SlowS3 --latency-ms 500
    SLOW_PID=$SERVER_PID
    if s3url=$(wait_line slow-s3 'Slow S3 ready: http://[0-9.]+:[0-9]+' 60); then
      args=${LOCAL_STACK_S3_LATENCY_ARGS//\{endpoint\}/$s3url}
      args=${args//\{bucket\}/csv-test-bench}
      args=${args//\{key\}/sample.csv}
      port=$(free_port)
      # shellcheck disable=SC2086
      start local-overlap "$JAVA" $LOCAL_STACK_JVM_ARGS -jar "$STACK_JAR" start-api -p "$port" $args
      if url=$(wait_line local-overlap 'Local API ready: http://[0-9.]+:[0-9]+' 120); then
        load "local-overlap-warmup" "$url/csv_test?delay=1" -n 2 --suffix --timeout 60s
        load "local-overlap-n2" "$url/csv_test?delay=1" -n 2 --suffix --timeout 60s
        load "local-overlap-n100" "$url/csv_test?delay=1" -n 100 --suffix --timeout 60s
      fi
      stop
    fi
    SERVER_PID=$SLOW_PID; stop
  fi
fi

# ---- 3. the handler alone: cold init (fresh JVM, with and without C1-only) and overlap ----
if [ "$HANDLER_PRESENT" = 1 ]; then
  for mode in default c1; do
    flags=(); [ "$mode" = c1 ] && flags=(-XX:TieredStopAtLevel=1)
    for i in 1 2 3; do
      s=$(date +%s%3N)
      timeout 120 "$JAVA" "${flags[@]}" -cp "$BENCH_JAR" dev.csvtest.bench.HandlerProbe --delay 0 --invocations 1 \
        >"$RESULTS/probe-init-$mode-$i.json" 2>"$LOGS/probe-init-$mode-$i.log" || true
      e=$(( $(date +%s%3N) - s ))
      python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)) if open(p).read().strip() else {}; d['processMs']=int(sys.argv[2]); json.dump(d, open(p,'w'))" \
        "$RESULTS/probe-init-$mode-$i.json" "$e" 2>/dev/null || echo '{"error": "probe failed"}' >"$RESULTS/probe-init-$mode-$i.json"
    done
    log "handler cold init ($mode): $(cat "$RESULTS/probe-init-$mode-1.json")"
  done
  timeout 120 "$JAVA" -cp "$BENCH_JAR" dev.csvtest.bench.HandlerProbe --delay 1 --s3-latency-ms 500 --invocations 6 \
    >"$RESULTS/probe-overlap.json" 2>"$LOGS/probe-overlap.log" || echo '{"error": "probe failed"}' >"$RESULTS/probe-overlap.json"
  log "overlap (handler, delay=1, S3 +0.5 s): $(cat "$RESULTS/probe-overlap.json")"
fi

# ---- 4. the original Flask app's baselines: Flask and gunicorn ----
if [ "$FLASK" = 1 ]; then
  if [ ! -x bench/.venv/bin/python ]; then
    log "creating bench/.venv (PyPI, versions pinned in bench/requirements.txt)"
    python3 -m venv bench/.venv
  fi
  bench/.venv/bin/pip install -q --disable-pip-version-check -r bench/requirements.txt
  PY=bench/.venv/bin/python
  GUNICORN=bench/.venv/bin/gunicorn
  for cfg in flask-threaded flask-serial gunicorn-sync-w2 gunicorn-gthread-t2 gunicorn-gevent; do
    port=$(free_port)
    case $cfg in
      flask-threaded)      start "$cfg" "$PY" bench/flask_app/app.py --port "$port" ;;
      flask-serial)        start "$cfg" "$PY" bench/flask_app/app.py --port "$port" --no-threads ;;
      gunicorn-sync-w2)    start "$cfg" "$GUNICORN" --chdir bench/flask_app -b "127.0.0.1:$port" -w 2 app:app ;;
      gunicorn-gthread-t2) start "$cfg" "$GUNICORN" --chdir bench/flask_app -b "127.0.0.1:$port" -w 1 --threads 2 app:app ;;
      gunicorn-gevent)     start "$cfg" "$GUNICORN" --chdir bench/flask_app -b "127.0.0.1:$port" -k gevent app:app ;;
    esac
    wait_port "$port" 30 || { log "$cfg did not open port $port"; tail "$LOGS/$cfg.log" >&2; stop; continue; }
    for n in 2 100; do
      if [ "$QUICK" = 1 ] && [ "$n" = 100 ] && [ "$cfg" = flask-serial ]; then continue; fi
      load "$cfg-n$n" "http://127.0.0.1:$port/csv_test?delay=$BASE_DELAY" -n "$n" --suffix --timeout 600s
    done
    stop
  done
fi

# ==== 5. sam local (AWS's emulator, with Docker) beside the local stack and the bare server ========================
# A separate script with its own Docker engine and builds (bench/sam-local.sh); its results land in
# $OUT/results/sam-local and report.py renders them. A failure here does not lose the measurements above.
if [ "$SAM_LOCAL" = 1 ]; then
  log "sam local stage: bench/sam-local.sh (Docker, sam local start-api default and EAGER, N = 2, 10, 50)"
  bash bench/sam-local.sh --out "$OUT" --save docs/measurements/sam-local-bench >"$LOGS/sam-local-stage.log" 2>&1 \
    || log "sam local stage FAILED (see $LOGS/sam-local-stage.log); the report shows the checked-in results instead"
  grep -E '^SAM-LOCAL-BENCH:' "$LOGS/sam-local-stage.log" >&2 || true
fi

# ---- report ----
mkdir -p "$(dirname "$REPORT")"
python3 bench/report.py "$OUT" >"$REPORT"
log "wrote $REPORT in $(( $(date +%s) - T0 )) s"
