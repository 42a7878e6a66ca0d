#!/usr/bin/env bash
# AWS's SAM CLI (`sam local invoke`, `sam local start-api`) with a real Docker engine, offline, against a local S3:
#   bash .ci/lib/sam-local-checks.sh
# 1. .ci/lib/sam-docker.sh up: our own dockerd, the java21 base image built offline, the pinned SAM CLI
# 2. sam build (sam_build below: the one place that builds)
# 3. an S3 server on the host (moto, from PyPI) bound to Docker's bridge gateway, seeded with the sample CSV; the
#    function learns its address only from the --env-vars file (S3_ENDPOINT_URL, see
#    docs/sam-local.md), never from sam's own environment
# 4. checks: `sam local invoke CsvTestFunction` for every HTTP API event in events/ (status and content type
#    read from the event), `sam local invoke SeedFunction` with the CloudFormation Create/Update/Delete events
#    (objects put and removed, response document recorded by a local ResponseURL server), and
#    `sam local start-api` with samconfig.toml's defaults: two parallel delay=4 requests both end within 6.5 s;
#    then the same with --warm-containers EAGER, measured (it serialises them)
# Prints "SAM-LOCAL: ..." figure lines (setup time per step, PASS/FAIL per check with timings) and
# "SAM-LOCAL: N passed, N failed"; exits non-zero if a check failed. No dockerd, container, sam or server process
# outlives it (EXIT trap).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

MOTO_VERSION=5.2.5
BUCKET=csv-test-local                 # the bucket and key the function reads (CSV_BUCKET, CSV_KEY)
KEY=sample.csv
CSV_FILE="$ROOT/src/main/resources/sample.csv"
MAX_DELAY=20                          # template.yaml MaxDelaySeconds default
PARALLEL_DELAY=4                      # the two-tabs check: two parallel ?delay=4 requests ...
PARALLEL_LIMIT=6.5                    # ... must both end within this many seconds
STAGE="$ROOT/.aws-sam/ci-src"         # shared with template-checks.sh: a second build is a cache hit
BUILD_DIR="$ROOT/.aws-sam/build"
LOGS="$ROOT/target/sam-local"
WORK=$(mktemp -d)
rm -rf "$LOGS" && mkdir -p "$LOGS"

section() { printf '\n==== %s ====\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
declare -a FIGURES=() PIDS=()
PASSED=0 FAILED=0
setup_line() { FIGURES+=("SAM-LOCAL: setup $(printf '%-9s %6s s' "$1" "$2")  $3"); }
record() { # record PASS|FAIL|MEASURE <check> <detail>
  FIGURES+=("SAM-LOCAL: $(printf '%-7s %-34s %s' "$1" "$2" "$3")")
  case "$1" in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; esac
  printf '%s %s: %s\n' "$1" "$2" "$3"
}
finish() {
  section "sam local: figures"
  printf '%s\n' "${FIGURES[@]}"
  echo "SAM-LOCAL: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}

# stop_pid <pid>: TERM (a backgrounded sam ignores SIGINT), wait up to 20 s, then KILL.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
remove_sam_containers() {
  local ids
  ids=$(docker ps -aq --filter label=sam.cli.container.type=lambda 2>/dev/null)
  # shellcheck disable=SC2086
  [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  sam_docker_down
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# sam's own environment: no credentials, no profile, no instance-metadata probe, no endpoint. SAM then gives the
# container its fixed placeholder keys (AWS_ACCESS_KEY_ID=defaultkey), which the local S3 accepts, and makes no
# STS call. Everything the function needs comes from the --env-vars file.
: > "$WORK/aws-config"
SAM_ENV=(env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE -u AWS_DEFAULT_PROFILE
         -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_S3
         AWS_CONFIG_FILE="$WORK/aws-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/aws-config"
         AWS_EC2_METADATA_DISABLED=true AWS_DEFAULT_REGION=us-east-1 SAM_CLI_TELEMETRY=0)
sam_cmd() { "${SAM_ENV[@]}" "$SAM" "$@"; }
# sam_bg <log> <sam args...>: sam in the background as ONE process (exec: $! is sam's own pid, which stop_pid
# signals; a backgrounded shell function would leave sam running as its child).
sam_bg() {
  local log=$1; shift
  ( exec "${SAM_ENV[@]}" "$SAM" "$@" > "$log" 2>&1 ) &
}

# ---------------------------------------------------------------------------------------------------------------------
section "Docker engine, java21 base image, SAM CLI (.ci/lib/sam-docker.sh)"
source .ci/lib/sam-docker.sh
if ! sam_docker_up; then
  for line in "${SAM_DOCKER_TIMINGS[@]}"; do read -r step s detail <<<"$line"; setup_line "$step" "$s" "$detail"; done
  record FAIL "setup" "see the sam-docker line above"
  finish; exit 1
fi
for line in "${SAM_DOCKER_TIMINGS[@]}"; do read -r step s detail <<<"$line"; setup_line "$step" "$s" "$detail"; done

# ---------------------------------------------------------------------------------------------------------------------
# The one function that builds the functions into $BUILD_DIR (swap its body when the build moves to a Makefile).
sam_build() {
  # A staged copy of the files git knows (like template-checks.sh): SAM copies and hashes the whole CodeUri.
  rm -rf "$STAGE" && mkdir -p "$STAGE"
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$STAGE"
  # SAM's Maven workflow runs the `mvn` on PATH: a shim to the project's wrapper, under a JDK >= 21; MAVEN_ARGS
  # skips the tests (they run in ./mvnw verify).
  ( source .ci/lib/select-jdk.sh
    mkdir -p "$ROOT/.aws-sam/ci-bin"
    printf '#!/bin/sh\nexec "%s/mvnw" "$@"\n' "$ROOT" > "$ROOT/.aws-sam/ci-bin/mvn"
    chmod +x "$ROOT/.aws-sam/ci-bin/mvn"
    PATH="$ROOT/.aws-sam/ci-bin:$PATH" MAVEN_ARGS="-B -q -Dmaven.test.skip=true" sam_cmd build \
      --template-file "$STAGE/template.yaml" --build-dir "$BUILD_DIR" \
      --cached --cache-dir "$ROOT/.aws-sam/cache" --parallel )
}
section "sam build"
t0=$(now)
if sam_build > "$LOGS/build.log" 2>&1; then
  setup_line build "$(since "$t0")" "sam build (Maven workflow, --cached) -> .aws-sam/build"
else
  tail -30 "$LOGS/build.log"
  setup_line build "$(since "$t0")" "FAILED"
  record FAIL "sam build" "see $LOGS/build.log"
  finish; exit 1
fi
TEMPLATE="$BUILD_DIR/template.yaml"
# The host's architecture: an arm64 function on an x86_64 engine would run under qemu (docs/sam-local.md).
LOCAL_PARAMS=(--parameter-overrides "Architecture=$SAM_DOCKER_ARCH")

# ---------------------------------------------------------------------------------------------------------------------
section "Local S3 (moto $MOTO_VERSION) on the Docker bridge gateway $SAM_DOCKER_GATEWAY"
t0=$(now)
source .ci/lib/sam-venv.sh
make_venv "$ROOT/.venv-ci/moto" "moto[server]==$MOTO_VERSION" > "$LOGS/moto-install.log" 2>&1 ||
  { record FAIL "setup" "could not install moto[server]==$MOTO_VERSION (see $LOGS/moto-install.log)"; finish; exit 1; }
PY="$ROOT/.venv-ci/moto/bin/python"
HELPER=(.ci/lib/sam-local-helper.py)
# Bound to the bridge gateway only: reachable from the containers and this host, from nowhere else.
S3_PORT=$("$PY" -c "import socket; s=socket.socket(); s.bind(('$SAM_DOCKER_GATEWAY', 0)); print(s.getsockname()[1])")
"$ROOT/.venv-ci/moto/bin/moto_server" -H "$SAM_DOCKER_GATEWAY" -p "$S3_PORT" > "$LOGS/moto.log" 2>&1 &
PIDS+=($!)
S3="http://$SAM_DOCKER_GATEWAY:$S3_PORT"
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$S3/" 2>/dev/null && break; sleep 0.25; done
if ! "$PY" "${HELPER[@]}" seed "$S3" "$BUCKET" "$KEY" "$CSV_FILE"; then
  record FAIL "setup" "the local S3 at $S3 did not start or could not be seeded (see $LOGS/moto.log)"
  finish; exit 1
fi
setup_line s3 "$(since "$t0")" "moto $MOTO_VERSION at $S3, s3://$BUCKET/$KEY seeded"

# The --env-vars file: the only way the endpoint reaches the functions. SAM passes only variables the template
# declares; S3_ENDPOINT_URL is declared (empty in AWS) for this. An IP endpoint gets path-style addressing by itself.
ENV_FILE="$WORK/sam-local-env.json"
cat > "$ENV_FILE" <<EOF
{
  "CsvTestFunction": {
    "CSV_BUCKET": "$BUCKET",
    "CSV_KEY": "$KEY",
    "LARGE_OBJECT_REDIRECT_URL": "",
    "S3_ENDPOINT_URL": "$S3"
  },
  "SeedFunction": {
    "S3_ENDPOINT_URL": "$S3"
  }
}
EOF
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
PIDS+=($!)
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
# start_api <label> [sam options...]: starts `sam local start-api` on a free port, waits until it answers.
start_api() {
  local label=$1; shift
  API_PORT=$("$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  local t0 code
  t0=$(now)
  sam_bg "$LOGS/start-api-$label.log" local start-api -t "$TEMPLATE" --env-vars "$ENV_FILE" --skip-pull-image \
    "${LOCAL_PARAMS[@]}" --host 127.0.0.1 -p "$API_PORT" "$@"
  API_PID=$!
  PIDS+=("$API_PID")
  for _ in $(seq 1 480); do
    # Any HTTP answer for an unknown path (403) means the server is up; it invokes nothing.
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API_PORT/ready-probe" 2>/dev/null)
    [ "$code" != 000 ] && break
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.25
  done
  API_START=$(since "$t0")
  [ "$code" != 000 ]
}
stop_api() {
  stop_pid "$API_PID"
  remove_sam_containers
}
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
  else record FAIL "start-api two tabs (defaults)" "$detail; see $LOGS/start-api-default.log"; fi
  get "http://127.0.0.1:$API_PORT/csv_test?delay=abc" "$WORK/default-bad"
  read -r code secs ctype <<<"$(cat "$WORK/default-bad")"
  if [ "$code" = 400 ] && [ "${ctype%%;*}" = application/problem+json ]; then
    record PASS "start-api delay=abc (defaults)" "$(fmt_tab "$(cat "$WORK/default-bad")")"
  else
    record FAIL "start-api delay=abc (defaults)" "$(fmt_tab "$(cat "$WORK/default-bad")"), want 400 application/problem+json"
  fi
else
  record FAIL "start-api two tabs (defaults)" "start-api did not answer within 120 s; see $LOGS/start-api-default.log"
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
    else record FAIL "start-api two tabs ($mode)" "$detail; see $LOGS/start-api-$label.log"; fi
  else
    record FAIL "start-api two tabs ($mode)" "start-api did not answer within 120 s; see $LOGS/start-api-$label.log"
  fi
  stop_api
done

finish
