# Sourced by .ci/lib/conformance.sh and bench/sam-local.sh: `sam local start-api` and the local stack, side by side,
# on the same `sam build` output, each with its S3 (moto on the Docker bridge for sam local, the embedded one for the
# local stack). The caller sets ROOT (the repository) and SL_LOGS (a log folder), sources this file, calls
# sl_cleanup from its EXIT trap, and then:
#
#   sl_setup_docker            .ci/lib/sam-docker.sh up (reused when built); SL_DOCKERD_OURS=1 if we started dockerd
#   sl_build [--no-jars]       the project's jars (./mvnw install: local-stack.jar, load tool; skipped with --no-jars,
#                              or when JARS_BUILT=1 and the jar is there) and `sam build` of template.yaml on a staged
#                              copy; with SAM_BUILT_DIR set to a finished `sam build` output, that one is used instead
#   sl_start_s3                moto's S3 on the bridge gateway, seeded with the sample CSV; sets SL_S3
#   sl_write_env_vars FILE     the --env-vars file sam local gets (THE one place that says how the function finds S3)
#   sl_start_sam LABEL [sam local start-api options...]     sets SL_SAM_URL, SL_SAM_PID, SL_SAM_START_SECONDS
#   sl_stop_sam                TERM, then removes the Lambda containers this sam created
#   sl_start_local LABEL [local-stack start-api options...] sets SL_LOCAL_URL, SL_LOCAL_PID, SL_LOCAL_START_SECONDS
#   sl_stop_local
#
# Rules (docs/sam-local.md): always --skip-pull-image; sam's own environment has no AWS credentials (a placeholder
# key makes it call STS and stall); sam is stopped with TERM; its leftover containers are removed by label. Every
# process started here is recorded in SL_PIDS and stopped by pid in sl_cleanup.

# shellcheck source=sam-venv.sh
source "$ROOT/.ci/lib/sam-venv.sh"      # MOTO_VERSION, make_moto_venv
SL_MOTO_VERSION=$MOTO_VERSION
SL_BUCKET=csv-test-local                 # CSV_BUCKET / CSV_KEY for sam local (the local stack seeds its own bucket)
SL_KEY=sample.csv
SL_CSV_FILE="$ROOT/src/main/resources/sample.csv"
SL_STAGE="$ROOT/.aws-sam/ci-src"         # the staged copy sl_build builds from (without SAM_BUILT_DIR)
SL_BUILD_DIR="$ROOT/.aws-sam/build"
SL_TEMPLATE="$SL_BUILD_DIR/template.yaml"
SL_LOCAL_JAR="$ROOT/local-stack/target/local-stack.jar"
# The parameter overrides both targets get: the host's architecture for sam local's containers (an arm64 function
# on x86_64 runs under qemu), and a second CORS origin the suite sends preflights from.
SL_ORIGIN=http://127.0.0.1:3000
declare -a SL_PIDS=()
declare -a SL_TIMINGS=()                 # "step seconds detail"
SL_DOCKERD_OURS=0
SL_WORK=$(mktemp -d)

sl_now() { date +%s.%N; }
sl_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
sl_timing() { SL_TIMINGS+=("$1 $2 $3"); printf 'sam-local-stack: %-10s %6s s  %s\n' "$1" "$2" "$3"; }
sl_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# sl_stop_pid <pid>: TERM, up to 20 s, then KILL (only pids this script started).
sl_stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

# sam's own environment: no credentials, profile, metadata probe or endpoint (see docs/sam-local.md).
: > "$SL_WORK/aws-config"
SL_SAM_ENV=(env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE
            -u AWS_DEFAULT_PROFILE -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_S3
            AWS_CONFIG_FILE="$SL_WORK/aws-config" AWS_SHARED_CREDENTIALS_FILE="$SL_WORK/aws-config"
            AWS_EC2_METADATA_DISABLED=true AWS_DEFAULT_REGION=us-east-1 SAM_CLI_TELEMETRY=0)

# ---------------------------------------------------------------------------------------------------------------------
sl_setup_docker() {
  # shellcheck source=sam-docker.sh
  source "$ROOT/.ci/lib/sam-docker.sh"
  # A dockerd someone else started (another checkout on this machine) is reused and left running at the end.
  if sam_docker_status >/dev/null 2>&1; then SL_DOCKERD_OURS=0; else SL_DOCKERD_OURS=1; fi
  sam_docker_up || return 1
  local line
  for line in "${SAM_DOCKER_TIMINGS[@]}"; do SL_TIMINGS+=("docker-$line"); done
  SL_CONTAINERS_BEFORE=$(docker ps -aq --filter label=sam.cli.container.type=lambda 2>/dev/null | sort)
  SL_LOCAL_PARAMS=("Architecture=$SAM_DOCKER_ARCH" "ExtraAllowedOrigin=$SL_ORIGIN")
}

# ---------------------------------------------------------------------------------------------------------------------
sl_build() {
  local t0
  t0=$(sl_now)
  if [ "${1:-}" = --no-jars ]; then
    :
  elif [ "${JARS_BUILT:-0}" = 1 ] && [ -f "$SL_LOCAL_JAR" ]; then
    sl_timing build 0 "reused $SL_LOCAL_JAR (JARS_BUILT=1)"
  # The local stack's jar and the load tool (the function itself is built by sam build below).
  elif ( cd "$ROOT" && ./mvnw -B -q install -DskipTests ) > "$SL_LOGS/mvn-install.log" 2>&1; then
    sl_timing build "$(sl_since "$t0")" "./mvnw -B -q install -DskipTests"
  else
    tail -30 "$SL_LOGS/mvn-install.log"
    echo "sam-local-stack: FAILED at build: ./mvnw install (log: $SL_LOGS/mvn-install.log)" >&2
    return 1
  fi
  t0=$(sl_now)
  if [ -n "${SAM_BUILT_DIR:-}" ] && [ -f "$SAM_BUILT_DIR/template.yaml" ]; then
    SL_BUILD_DIR=$SAM_BUILT_DIR
    SL_TEMPLATE="$SL_BUILD_DIR/template.yaml"
    sl_timing sam-build 0 "reused $SL_BUILD_DIR (SAM_BUILT_DIR: the documented sam build of a fresh copy)"
    return 0
  fi
  # The documented `sam build` (the Makefile: ./mvnw, no tests) on a staged copy of the files git knows, as a fresh
  # clone holds them; its samconfig.toml supplies build_in_source.
  rm -rf "$SL_STAGE" && mkdir -p "$SL_STAGE"
  ( cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
      tar --null -T - -cf - ) | tar -xf - -C "$SL_STAGE"
  if ! ( source "$ROOT/.ci/lib/select-jdk.sh"
         cd "$SL_STAGE" && "${SL_SAM_ENV[@]}" "$SAM" build --build-dir "$SL_BUILD_DIR" ) > "$SL_LOGS/sam-build.log" 2>&1; then
    tail -30 "$SL_LOGS/sam-build.log"
    echo "sam-local-stack: FAILED at sam build (log: $SL_LOGS/sam-build.log)" >&2
    return 1
  fi
  sl_timing sam-build "$(sl_since "$t0")" "sam build (Makefile) of a staged copy -> $SL_BUILD_DIR"
}

# ---------------------------------------------------------------------------------------------------------------------
sl_start_s3() {
  local t0 port
  t0=$(sl_now)
  make_moto_venv "$ROOT/.venv-ci/moto" > "$SL_LOGS/moto-install.log" 2>&1 ||
    { echo "sam-local-stack: FAILED at s3: pip install moto[server]==$SL_MOTO_VERSION (log: $SL_LOGS/moto-install.log)" >&2; return 1; }
  # Bound to the bridge gateway only: the containers and this host reach it, nothing else.
  port=$("$ROOT/.venv-ci/moto/bin/python" -c "import socket; s=socket.socket(); s.bind(('$SAM_DOCKER_GATEWAY', 0)); print(s.getsockname()[1])")
  "$ROOT/.venv-ci/moto/bin/moto_server" -H "$SAM_DOCKER_GATEWAY" -p "$port" > "$SL_LOGS/moto.log" 2>&1 &
  SL_PIDS+=($!)
  SL_S3="http://$SAM_DOCKER_GATEWAY:$port"
  for _ in $(seq 1 80); do curl -fsS -o /dev/null "$SL_S3/" 2>/dev/null && break; sleep 0.25; done
  "$ROOT/.venv-ci/moto/bin/python" "$ROOT/.ci/lib/sam-local-helper.py" seed "$SL_S3" "$SL_BUCKET" "$SL_KEY" "$SL_CSV_FILE" ||
    { echo "sam-local-stack: FAILED at s3: moto at $SL_S3 did not start or could not be seeded (log: $SL_LOGS/moto.log)" >&2; return 1; }
  sl_timing s3 "$(sl_since "$t0")" "moto $SL_MOTO_VERSION at $SL_S3, s3://$SL_BUCKET/$SL_KEY seeded"
}

# sl_write_env_vars FILE: what sam local's containers get. The functions learn the local S3 endpoint here and only
# here (sam passes only variables the template declares, S3_ENDPOINT_URL among them, empty in AWS; see
# docs/sam-local.md): the CSV function, and the seeder for `sam local invoke SeedFunction`.
sl_write_env_vars() {
  cat > "$1" <<EOF
{
  "CsvTestFunction": {
    "CSV_BUCKET": "$SL_BUCKET",
    "CSV_KEY": "$SL_KEY",
    "LARGE_OBJECT_REDIRECT_URL": "",
    "S3_ENDPOINT_URL": "$SL_S3"
  },
  "SeedFunction": {
    "S3_ENDPOINT_URL": "$SL_S3"
  }
}
EOF
}

# ---------------------------------------------------------------------------------------------------------------------
# sl_start_sam LABEL [options...]: `sam local start-api` on a free port, as ONE process (exec), until it answers.
sl_start_sam() {
  local label=$1 port t0 code
  shift
  port=$(sl_free_port)
  sl_write_env_vars "$SL_WORK/env-vars-$label.json"
  cp "$SL_WORK/env-vars-$label.json" "$SL_LOGS/env-vars-$label.json"
  t0=$(sl_now)
  ( cd "$ROOT" && exec "${SL_SAM_ENV[@]}" "$SAM" local start-api -t "$SL_TEMPLATE" --env-vars "$SL_WORK/env-vars-$label.json" \
      --skip-pull-image --parameter-overrides "${SL_LOCAL_PARAMS[*]}" --host 127.0.0.1 -p "$port" "$@" \
      > "$SL_LOGS/sam-$label.log" 2>&1 ) &
  SL_SAM_PID=$!
  SL_PIDS+=("$SL_SAM_PID")
  SL_SAM_URL="http://127.0.0.1:$port"
  code=000
  for _ in $(seq 1 480); do
    # Any answer for an unknown path means it is up; it invokes nothing.
    code=$(curl -s -o /dev/null -w '%{http_code}' "$SL_SAM_URL/ready-probe" 2>/dev/null)
    [ "$code" != 000 ] && break
    kill -0 "$SL_SAM_PID" 2>/dev/null || break
    sleep 0.25
  done
  SL_SAM_START_SECONDS=$(sl_since "$t0")
  [ "$code" != 000 ] || { echo "sam-local-stack: sam local start-api ($label) did not answer (log: $SL_LOGS/sam-$label.log)" >&2; return 1; }
}

sl_remove_new_containers() {
  local ids id new=()
  ids=$(docker ps -aq --filter label=sam.cli.container.type=lambda 2>/dev/null | sort)
  for id in $ids; do grep -qx "$id" <<<"${SL_CONTAINERS_BEFORE:-}" || new+=("$id"); done
  [ ${#new[@]} -eq 0 ] || docker rm -f "${new[@]}" >/dev/null 2>&1
}

sl_stop_sam() {
  [ -n "${SL_SAM_PID:-}" ] && sl_stop_pid "$SL_SAM_PID"
  SL_SAM_PID=
  sl_remove_new_containers
}

# ---------------------------------------------------------------------------------------------------------------------
# sl_start_local LABEL [options...]: the local stack's start-api on the same build output and overrides.
sl_start_local() {
  local label=$1 port t0
  shift
  port=$(sl_free_port)
  t0=$(sl_now)
  : > "$SL_LOGS/local-$label.log"
  ( cd "$ROOT" && source .ci/lib/select-jdk.sh >/dev/null &&
    exec "$JAVA_HOME/bin/java" -jar "$SL_LOCAL_JAR" start-api -t "$SL_TEMPLATE" -p "$port" \
      --parameter-overrides "${SL_LOCAL_PARAMS[@]}" "$@" > "$SL_LOGS/local-$label.log" 2>&1 ) &
  SL_LOCAL_PID=$!
  SL_PIDS+=("$SL_LOCAL_PID")
  SL_LOCAL_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 480); do
    grep -q 'Local API ready' "$SL_LOGS/local-$label.log" 2>/dev/null && break
    kill -0 "$SL_LOCAL_PID" 2>/dev/null || break
    sleep 0.25
  done
  SL_LOCAL_START_SECONDS=$(sl_since "$t0")
  grep -q 'Local API ready' "$SL_LOGS/local-$label.log" 2>/dev/null ||
    { echo "sam-local-stack: the local stack ($label) did not get ready (log: $SL_LOGS/local-$label.log)" >&2; return 1; }
}

sl_stop_local() {
  [ -n "${SL_LOCAL_PID:-}" ] && sl_stop_pid "$SL_LOCAL_PID"
  SL_LOCAL_PID=
}

# ---------------------------------------------------------------------------------------------------------------------
sl_cleanup() {
  local pid
  for pid in "${SL_PIDS[@]}"; do sl_stop_pid "$pid"; done
  if declare -F sam_docker_down >/dev/null; then
    sl_remove_new_containers
    if [ "$SL_DOCKERD_OURS" = 1 ]; then sam_docker_down; else echo "sam-local-stack: dockerd was running before; left running"; fi
  fi
  rm -rf "$SL_WORK"
}
