#!/usr/bin/env bash
# bench/sam-local.sh: AWS's `sam local` measured beside the local stack and the bare server, in ONE run on this
# machine (the sam-local stage of bench/run.sh; `bench/run.sh --only sam-local` runs just this).
#
#   bench/sam-local.sh [--out DIR] [--save DIR] [--ns "2 10 50"] [--delay 2]
#
#   --out DIR   raw results and logs (default target/bench): DIR/results/sam-local/*.json, DIR/logs/sam-local/
#   --save DIR  also copy the raw results and the run's log there (e.g. docs/measurements/sam-local-bench)
#
# Targets, one at a time, each on the same `sam build` output of template.yaml:
#   bare        dev.csvtest.bench.BareServer --impl socket (sleeps, answers 3 bytes): the machine's floor
#   local       java -jar local-stack/target/local-stack.jar start-api (default: environments created on demand)
#   sam         sam local start-api, samconfig's mode (no warm containers: a new container per request)
#   sam-eager   sam local start-api --warm-containers EAGER (one container per function, started with sam)
# For each: the first request (delay=0, cold for local/sam), then N parallel GETs with delay=$DELAY on distinct
# URLs (&n=i), N in $NS, with the load tool (wall/delay, per-request percentiles, errors by status). Then
# `sam local invoke` and the local stack's `invoke` of events/delay-0.json, each timed 3 times.
# sam local's function reads moto's S3 on the Docker bridge (.ci/lib/sam-local-stack.sh); the local stack its
# embedded S3. Prints SAM-LOCAL-BENCH: lines; exits non-zero if a step failed (errors in a burst are results, not
# failures). Stops every process it started and the containers sam created (EXIT trap).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

OUT_BASE=target/bench
SAVE=
NS="2 10 50"
DELAY=2
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT_BASE=$2; shift ;;
    --save) SAVE=$2; shift ;;
    --ns) NS=$2; shift ;;
    --delay) DELAY=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench/sam-local.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
RESULTS="$ROOT/$OUT_BASE/results/sam-local"
SL_LOGS="$ROOT/$OUT_BASE/logs/sam-local"
rm -rf "$RESULTS" "$SL_LOGS" && mkdir -p "$RESULTS" "$SL_LOGS"
T_START=$(date +%s.%N)

# shellcheck source=../.ci/lib/sam-local-stack.sh
source .ci/lib/sam-local-stack.sh
log() { printf '[sam-local-bench %s +%ss] %s\n' "$(date -u +%H:%M:%S)" "$(sl_since "$T_START")" "$*"; }
fail() { echo "SAM-LOCAL-BENCH: FAILED at $1: $2"; exit 1; }
trap sl_cleanup EXIT
trap 'exit 130' INT TERM

sl_setup_docker || fail setup "sam-docker.sh up"
sl_build || fail build "see above"
sl_start_s3 || fail s3 "see above"
source .ci/lib/select-jdk.sh
JAVA="$JAVA_HOME/bin/java"

# The load tool: its jar when the build makes one, else its classes (no runtime dependencies).
if [ -f load-tool/target/load-tool.jar ]; then LOAD_TOOL=(-jar load-tool/target/load-tool.jar)
else LOAD_TOOL=(-cp load-tool/target/classes dev.csvtest.load.LoadTool); fi
LOAD_JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseParallelGC)

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# load NAME URL [options...]: one load-tool run; JSON to $RESULTS/NAME.json (+ the load average before it)
load() {
  local name=$1 url=$2 rc=0
  shift 2
  local before
  before=$(loadavg)
  timeout 900 "$JAVA" "${LOAD_JVM_OPTS[@]}" "${LOAD_TOOL[@]}" --url "$url" "$@" --json "$RESULTS/$name.json" \
    --label "$name" --no-progress > "$SL_LOGS/$name.out" 2>&1 || rc=$?
  python3 -c 'import json, sys; json.dump({"loadBefore": sys.argv[1], "loadAfter": sys.argv[2], "exit": int(sys.argv[3]),
                "command": " ".join(sys.argv[4:])}, sys.stdout)' \
    "$before" "$(loadavg)" "$rc" java "${LOAD_JVM_OPTS[@]}" "${LOAD_TOOL[@]}" --url "'$url'" "$@" > "$RESULTS/$name.meta.json"
  log "$(printf '%-22s' "$name") $(grep -E '^(wall|requests|errors) ' "$SL_LOGS/$name.out" | tr -s ' ' | paste -sd ';' -) (load before: $before)"
}
# measure TARGET BASE_URL: the first request, then the bursts
measure() {
  local target=$1 base=$2 n
  load "$target-first" "$base/csv_test?delay=0&first=1" -n 1 --timeout 300s
  for n in $NS; do
    load "$target-n$n" "$base/csv_test?delay=$DELAY&n={i}" -n "$n" --timeout 600s
  done
}

python3 - "$RESULTS/machine.json" "$DELAY" "$NS" "$SAM" <<'EOF'
import datetime, json, platform, subprocess, sys
def sh(c):
    try:
        return subprocess.run(c, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""
json.dump({
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "nproc": sh("nproc"), "memory": sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo"),
    "cpu": sh("awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo"), "kernel": platform.release(),
    "loadAvgAtStart": sh("cut -d' ' -f1-3 /proc/loadavg"),
    "commit": sh("git rev-parse --short HEAD") + (" (dirty)" if sh("git status --porcelain") else ""),
    "sam": sh(f"'{sys.argv[4]}' --version"), "docker": sh("docker version --format '{{.Server.Version}}'"),
    "jdk": sh("java -version 2>&1 | head -1"),
    "delay": float(sys.argv[2]), "ns": [int(n) for n in sys.argv[3].split()],
}, open(sys.argv[1], "w"), indent=2)
EOF

# sam_log_counts TARGET LOG: what sam's log says happened (function timeouts, SAM's own 502s, cold starts)
sam_log_counts() {
  python3 - "$2" "$RESULTS/$1-log.json" <<'PYEOF'
import json, sys
text = open(sys.argv[1], errors="replace").read()
json.dump({
    "functionTimedOut": text.count("timed out after 25 seconds"),
    "invalidLambdaResponse": text.count("Invalid lambda response received"),
    "noResponseFromContainer": text.count("No response from invoke container"),
    "functionDeadline504": text.count('"problem":"deadline-exceeded"'),
    "coldStartsBySlf4jWarning": text.count("SLF4J(W): No SLF4J providers were found"),
}, open(sys.argv[2], "w"))
PYEOF
}

# timed_invoke NAME LABEL I COMMAND...: one invoke, timed, its output in $SL_LOGS/NAME-invoke-I.out and .err;
# $RESULTS/NAME-invoke-I.json gets its seconds, exit status, the statusCode of the last line it printed and the load.
# sam local and the local stack are measured the same way, so their rows compare.
timed_invoke() {
  local name=$1 label=$2 i=$3 t0 rc s status
  shift 3
  local out="$SL_LOGS/$name-invoke-$i.out"
  t0=$(sl_now)
  "$@" > "$out" 2> "$SL_LOGS/$name-invoke-$i.err"
  rc=$?
  s=$(sl_since "$t0")
  status=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["statusCode"])' "$out" 2>/dev/null || echo none)
  echo "{\"seconds\": $s, \"exit\": $rc, \"statusCode\": \"$status\", \"loadAfter\": \"$(loadavg)\"}" > "$RESULTS/$name-invoke-$i.json"
  log "$label invoke #$i: $s s, exit $rc, statusCode $status"
}

# ---- bare ----
port=$(sl_free_port)
"$JAVA" -XX:+UseParallelGC -cp bench/target/classes dev.csvtest.bench.BareServer --impl socket --port "$port" \
  > "$SL_LOGS/bare.log" 2>&1 &
BARE_PID=$!
SL_PIDS+=("$BARE_PID")
for _ in $(seq 1 120); do grep -q 'Bare server ready' "$SL_LOGS/bare.log" && break; sleep 0.25; done
grep -q 'Bare server ready' "$SL_LOGS/bare.log" || fail bare "the bare server did not start (see $SL_LOGS/bare.log)"
measure bare "http://127.0.0.1:$port"
sl_stop_pid "$BARE_PID"

# ---- local stack ----
sl_start_local bench || fail local "the local stack did not start"
echo "{\"readySeconds\": $SL_LOCAL_START_SECONDS}" > "$RESULTS/local-start.json"
log "local stack ready in $SL_LOCAL_START_SECONDS s"
measure local "$SL_LOCAL_URL"
sl_stop_local

# ---- sam local start-api, samconfig's mode ----
sl_start_sam bench || fail sam "sam local start-api did not start"
echo "{\"readySeconds\": $SL_SAM_START_SECONDS}" > "$RESULTS/sam-start.json"
log "sam local start-api ready in $SL_SAM_START_SECONDS s"
measure sam "$SL_SAM_URL"
sl_stop_sam
sam_log_counts sam "$SL_LOGS/sam-bench.log"

# ---- sam local start-api --warm-containers EAGER ----
sleep 15   # let the previous stage's containers finish stopping; the load average still lags (noted per burst)
sl_start_sam bench-eager --warm-containers EAGER || fail sam-eager "sam local start-api --warm-containers EAGER did not start"
echo "{\"readySeconds\": $SL_SAM_START_SECONDS}" > "$RESULTS/sam-eager-start.json"
log "sam local start-api --warm-containers EAGER ready in $SL_SAM_START_SECONDS s"
measure sam-eager "$SL_SAM_URL"
sl_stop_sam
sam_log_counts sam-eager "$SL_LOGS/sam-bench-eager.log"

# ---- invoke: sam local invoke and the local stack's invoke, 3 times each ----
sl_write_env_vars "$SL_WORK/env-vars-invoke.json"
for i in 1 2 3; do
  timed_invoke sam "sam local" "$i" \
    "${SL_SAM_ENV[@]}" "$SAM" local invoke CsvTestFunction -t "$SL_TEMPLATE" -e events/delay-0.json \
    --env-vars "$SL_WORK/env-vars-invoke.json" --skip-pull-image --parameter-overrides "${SL_LOCAL_PARAMS[*]}"
  sl_remove_new_containers
  timed_invoke local "local stack" "$i" \
    "$JAVA" -jar "$SL_LOCAL_JAR" invoke CsvTestFunction -t "$SL_TEMPLATE" -e events/delay-0.json \
    --parameter-overrides "${SL_LOCAL_PARAMS[@]}"
done

for line in "${SL_TIMINGS[@]}"; do
  read -r step s detail <<<"$line"
  printf 'SAM-LOCAL-BENCH: setup %-16s %6s s  %s\n' "$step" "$s" "$detail"
done
python3 bench/sam_local_report.py summary "$RESULTS"
echo "SAM-LOCAL-BENCH: runtime $(sl_since "$T_START") s (load average now $(loadavg) on $(nproc) cores)"
if [ -n "$SAVE" ]; then
  mkdir -p "$SAVE" && rm -f "$SAVE"/*.json && cp "$RESULTS"/*.json "$SAVE"/
  log "raw results copied to $SAVE"
fi
