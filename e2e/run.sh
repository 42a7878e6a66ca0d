#!/usr/bin/env bash
# e2e/run.sh: end-to-end test of the demo page in headless Chromium.
#
#   e2e/run.sh                 builds the function and the jars, starts the local stack, runs `node --test` against
#                              it, stops it
#   BASE_URL=http://... e2e/run.sh   tests an already running server (the page at /, the API at /csv_test)
#   LOAD_CHECK=1 e2e/run.sh    first runs the load tool against the same server: N=50, delay=1, --max-ratio 1.5
#
# The local stack serves the demo page at / from the template's CloudFront bucket, which the seeding custom resource
# fills at start.
# Needs: /usr/bin/chromium (Debian package `chromium`) and `npm ci` in e2e/ (.ci/lib/e2e.sh does both).
# The screenshot lands in target/e2e/demo.png.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/e2e
if [ -z "${BASE_URL:-}" ] || [ "${LOAD_CHECK:-0}" = 1 ]; then
  source bench/jars.sh   # the function (target/classes + lib), the local stack's and the load tool's jars
fi
if [ -z "${BASE_URL:-}" ]; then
  LOG=target/e2e/server.log
  echo "e2e: starting the local stack (java -jar local-stack/target/local-stack.jar start-api -p 0)"
  "${LOCAL_STACK[@]}" start-api -p 0 >"$LOG" 2>&1 &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
  BASE_URL=$(stack_url "$LOG" "$SERVER_PID" 120) || { echo "e2e: the local stack did not start:" >&2; cat "$LOG" >&2; exit 1; }
  export BASE_URL
fi

if [ -n "${SERVER_PID:-}" ]; then
  # Warm the server we just started (50 concurrent requests with delay=0, not judged): on the local stack that
  # initialises 50 execution environments. These checks are about concurrency; a fresh JVM's and a cold
  # environment's start-up have their own figures in docs/performance.md.
  echo "e2e: warming the server: 50 concurrent requests with delay=0 (not judged)"
  "${LOAD_TOOL[@]}" --url "$BASE_URL/csv_test?delay=0" -n 50 --suffix --timeout 60s --no-progress \
    >target/e2e/load-warmup.txt || true
fi

if [ "${LOAD_CHECK:-0}" = 1 ]; then
  echo "e2e: load tool, N=50 concurrent requests with delay=1 against $BASE_URL (must end within 1.5 s)"
  "${LOAD_TOOL[@]}" --url "$BASE_URL/csv_test?delay=1" -n 50 --suffix \
    --max-ratio 1.5 --timeout 30s --json target/e2e/load-n50.json --no-progress
fi

echo "e2e: testing $BASE_URL"
cd e2e
node --test demo.test.mjs
