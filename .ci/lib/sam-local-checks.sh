#!/usr/bin/env bash
# AWS's SAM CLI (`sam local invoke`, `sam local start-api`) with a real Docker engine, offline, against a local S3:
#   bash .ci/lib/sam-local-checks.sh
# The setup is sam-local-stack.sh's, shared with conformance.sh:
# 1. .ci/lib/sam-docker.sh up: our own dockerd, the java21 base image built offline, the pinned SAM CLI (reused when
#    running: .ci/run starts it once for both scripts and stops it at its end)
# 2. sam build (sl_build: the documented Makefile build of a staged copy, or the one SAM_BUILT_DIR names)
# 3. an S3 server on the host (moto, from PyPI) bound to Docker's bridge gateway, seeded with the sample CSV; the
#    function learns its address only from the --env-vars file (S3_ENDPOINT_URL, see
#    docs/sam-local.md), never from sam's own environment
# 4. checks: `sam local invoke CsvTestFunction` for every HTTP API event in events/ (status and content type
#    read from the event), `sam local invoke SeedFunction` with the CloudFormation Create/Update/Delete events
#    (objects put and removed, response document recorded by a local ResponseURL server), and
#    `sam local start-api` with samconfig.toml's defaults: two parallel delay=4 requests both end within 6.5 s;
#    then the same with --warm-containers EAGER and LAZY, measured (they serialise them)
# Prints "SAM-LOCAL: ..." figure lines (setup time per step, PASS/FAIL per check with timings) and
# "SAM-LOCAL: N passed, N failed"; exits non-zero if a check failed. No container, sam or server process it started
# outlives it, nor dockerd if it started it (EXIT trap: sl_cleanup).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

MAX_DELAY=20                          # template.yaml MaxDelaySeconds default
PARALLEL_DELAY=4                      # the two-tabs check: two parallel ?delay=4 requests ...
PARALLEL_LIMIT=6.5                    # ... must both end within this many seconds
LOGS="$ROOT/target/sam-local"
rm -rf "$LOGS" && mkdir -p "$LOGS"
SL_LOGS=$LOGS
# shellcheck source=sam-local-stack.sh
source .ci/lib/sam-local-stack.sh
WORK=$SL_WORK                         # removed by sl_cleanup

section() { printf '\n==== %s ====\n' "$*"; }
now() { sl_now; }
since() { sl_since "$1"; }
declare -a FIGURES=()
PASSED=0 FAILED=0
setup_line() { FIGURES+=("SAM-LOCAL: setup $(printf '%-9s %6s s' "$1" "$2")  $3"); }
record() { # record PASS|FAIL|MEASURE <check> <detail>
  FIGURES+=("SAM-LOCAL: $(printf '%-7s %-34s %s' "$1" "$2" "$3")")
  case "$1" in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; esac
  printf '%s %s: %s\n' "$1" "$2" "$3"
}
setup_lines() { # the timed setup steps so far, as SAM-LOCAL: setup lines
  local line step s detail
  for line in "${SL_TIMINGS[@]}"; do read -r step s detail <<<"$line"; setup_line "$step" "$s" "$detail"; done
  SL_TIMINGS=()
}
finish() {
  section "sam local: figures"
  printf '%s\n' "${FIGURES[@]}"
  echo "SAM-LOCAL: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}
trap sl_cleanup EXIT
trap 'exit 130' INT TERM
sam_cmd() { "${SL_SAM_ENV[@]}" "$SAM" "$@"; }

# ---------------------------------------------------------------------------------------------------------------------
section "Docker engine, java21 base image, SAM CLI (.ci/lib/sam-docker.sh)"
if ! sl_setup_docker; then
  setup_lines
  record FAIL "setup" "see the sam-docker line above"
  finish; exit 1
fi
setup_lines

section "sam build"
if ! sl_build --no-jars; then
  setup_lines
  record FAIL "sam build" "see $LOGS/sam-build.log"
  finish; exit 1
fi
setup_lines
TEMPLATE=$SL_TEMPLATE
# The host's architecture: an arm64 function on an x86_64 engine would run under qemu (docs/sam-local.md).
LOCAL_PARAMS=(--parameter-overrides "Architecture=$SAM_DOCKER_ARCH")

# ---------------------------------------------------------------------------------------------------------------------
section "Local S3 (moto $SL_MOTO_VERSION) on the Docker bridge gateway $SAM_DOCKER_GATEWAY"
if ! sl_start_s3; then
  setup_lines
  record FAIL "setup" "the local S3 did not start or could not be seeded (see $LOGS/moto.log)"
  finish; exit 1
fi
setup_lines
PY="$ROOT/.venv-ci/moto/bin/python"
HELPER=(.ci/lib/sam-local-helper.py)
S3=$SL_S3
CSV_FILE=$SL_CSV_FILE

# The --env-vars file of the invokes (the CSV function's and the seeder's S3 endpoint).
ENV_FILE="$WORK/sam-local-env.json"
sl_write_env_vars "$ENV_FILE"
cp "$ENV_FILE" "$LOGS/sam-local-env.json"

# ---------------------------------------------------------------------------------------------------------------------
section "sam local invoke CsvTestFunction: every HTTP API event in events/"
while read -r file kind; do
  name=$(basename "$file")
  case "$kind" in
    http) ;;
    cloudformation) continue ;;   # the seeder's events, below
    *) echo "skipping $name: not an event (e.g. the --env-vars file)"; continue ;;
  esac
  read -r want_status want_type <<<"$("$PY" "${HELPER[@]}" expect "$file" "$MAX_DELAY")"
  t0=$(now)
  sam_cmd local invoke CsvTestFunction -t "$TEMPLATE" -e "$file" --env-vars "$ENV_FILE" --skip-pull-image \
    "${LOCAL_PARAMS[@]}" > "$LOGS/invoke-$name.out" 2> "$LOGS/invoke-$name.err"
  rc=$?
  took=$(since "$t0")
  if [ $rc -eq 0 ] && result=$("$PY" "${HELPER[@]}" check-invoke "$LOGS/invoke-$name.out" "$want_status" "$want_type" "$CSV_FILE"); then
    record PASS "invoke $name" "${result#ok: } (want $want_status $want_type; $took s)"
  else
    record FAIL "invoke $name" "${result:-sam exited $rc} (want $want_status $want_type; $took s; see $LOGS/invoke-$name.err)"
  fi
  result=""
done < <("$PY" "${HELPER[@]}" classify events/*.json)

# ---------------------------------------------------------------------------------------------------------------------
section "sam local invoke SeedFunction: CloudFormation Create, Update, Delete"
RESPONSES="$WORK/responses"
mkdir -p "$RESPONSES"
"$PY" "${HELPER[@]}" response-server "$SAM_DOCKER_GATEWAY" "$WORK/response-port" "$RESPONSES" 2> "$LOGS/response-server.log" &
SL_PIDS+=($!)
for _ in $(seq 1 40); do [ -s "$WORK/response-port" ] && break; sleep 0.25; done
RESPONSE_BASE="http://$SAM_DOCKER_GATEWAY:$(cat "$WORK/response-port" 2>/dev/null)"
seed_bucket=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["ResourceProperties"]["BucketName"])' events/seed-create.json)
"$PY" "${HELPER[@]}" make-bucket "$S3" "$seed_bucket"
n=0
for phase in create update delete; do
  event="events/seed-$phase.json"
  n=$((n + 1))
  "$PY" "${HELPER[@]}" point-event "$event" "$RESPONSE_BASE/cloudformation-response/$phase" "$WORK/seed-$phase.json"
  t0=$(now)
  sam_cmd local invoke SeedFunction -t "$TEMPLATE" -e "$WORK/seed-$phase.json" --env-vars "$ENV_FILE" \
    --skip-pull-image "${LOCAL_PARAMS[@]}" > "$LOGS/seed-$phase.out" 2> "$LOGS/seed-$phase.err"
  rc=$?
  took=$(since "$t0")
  if [ $rc -eq 0 ] && result=$("$PY" "${HELPER[@]}" check-seed "$phase" "$S3" "$event" "$RESPONSES/$n.json" "$CSV_FILE"); then
    record PASS "seed $phase" "${result#ok: } ($took s)"
  else
    record FAIL "seed $phase" "${result:-sam exited $rc} ($took s; see $LOGS/seed-$phase.err)"
  fi
  result=""
done

# ---------------------------------------------------------------------------------------------------------------------
# start_api <label> [sam options...]: `sam local start-api` on a free port (sl_start_sam), until it answers.
start_api() {
  local label=$1; shift
  sl_start_sam "$label" "$@" || return 1
  API_PORT=${SL_SAM_URL##*:}
  API_START=$SL_SAM_START_SECONDS
}
stop_api() { sl_stop_sam; }
# get <url> <out>: one line "<status> <seconds> <content type>"
get() { curl -sS -o "$2.body" -w '%{http_code} %{time_total} %{content_type}\n' "$1" > "$2" 2>&1; }
# two_tabs <label>: two parallel GET ?delay=$PARALLEL_DELAY with distinct URLs; sets TAB1, TAB2 ("<status> <s> <type>")
two_tabs() {
  local label=$1 p1 p2
  get "http://127.0.0.1:$API_PORT/csv_test?delay=$PARALLEL_DELAY&tab=1" "$WORK/$label-tab1" & p1=$!
  get "http://127.0.0.1:$API_PORT/csv_test?delay=$PARALLEL_DELAY&tab=2" "$WORK/$label-tab2" & p2=$!
  wait "$p1" "$p2"
  TAB1=$(cat "$WORK/$label-tab1") TAB2=$(cat "$WORK/$label-tab2")
}
tabs_ok() { # tabs_ok <limit>: both 200 text/csv within the limit
  local t
  for t in "$TAB1" "$TAB2"; do
    read -r code secs ctype <<<"$t"
    [ "$code" = 200 ] && [ "${ctype%%;*}" = text/csv ] && awk -v s="$secs" -v l="$1" 'BEGIN { exit !(s <= l) }' || return 1
  done
}
fmt_tab() { local code secs ctype; read -r code secs ctype <<<"$1"; printf '%s %s %.2f s' "$code" "${ctype%%;*}" "${secs:-0}"; }

section "sam local start-api with samconfig.toml's defaults: two tabs, delay=$PARALLEL_DELAY"
# Timings depend on free CPU: record the load (2 cores here) next to them.
setup_line load 0 "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores before the start-api checks"
if start_api default; then
  setup_line start-api "$API_START" "sam local start-api (samconfig defaults) answering"
  two_tabs default
  detail="tab 1: $(fmt_tab "$TAB1"), tab 2: $(fmt_tab "$TAB2") (limit $PARALLEL_LIMIT s)"
  if tabs_ok "$PARALLEL_LIMIT"; then record PASS "start-api two tabs (defaults)" "$detail"
  else record FAIL "start-api two tabs (defaults)" "$detail; see $LOGS/sam-default.log"; fi
  get "http://127.0.0.1:$API_PORT/csv_test?delay=abc" "$WORK/default-bad"
  read -r code secs ctype <<<"$(cat "$WORK/default-bad")"
  if [ "$code" = 400 ] && [ "${ctype%%;*}" = application/problem+json ]; then
    record PASS "start-api delay=abc (defaults)" "$(fmt_tab "$(cat "$WORK/default-bad")")"
  else
    record FAIL "start-api delay=abc (defaults)" "$(fmt_tab "$(cat "$WORK/default-bad")"), want 400 application/problem+json"
  fi
else
  record FAIL "start-api two tabs (defaults)" "start-api did not answer within 120 s; see $LOGS/sam-default.log"
fi
stop_api

for mode in EAGER LAZY; do
  section "sam local start-api --warm-containers $mode: the same two tabs (measured)"
  label=$(tr 'A-Z' 'a-z' <<<"$mode")
  if start_api "$label" --warm-containers "$mode"; then
    get "http://127.0.0.1:$API_PORT/csv_test?delay=0" "$WORK/$label-first"
    first=$(cat "$WORK/$label-first")
    get "http://127.0.0.1:$API_PORT/csv_test?delay=0" "$WORK/$label-second"
    second=$(cat "$WORK/$label-second")
    two_tabs "$label"
    detail="start $API_START s, delay=0: first $(fmt_tab "$first"), second $(fmt_tab "$second"); tabs: $(fmt_tab "$TAB1") and $(fmt_tab "$TAB2")"
    # Both must succeed; their timing is what the mode does (one request at a time per function), reported as is.
    if tabs_ok 60; then record MEASURE "start-api two tabs ($mode)" "$detail"
    else record FAIL "start-api two tabs ($mode)" "$detail; see $LOGS/sam-$label.log"; fi
  else
    record FAIL "start-api two tabs ($mode)" "start-api did not answer within 120 s; see $LOGS/sam-$label.log"
  fi
  stop_api
done

finish
