#!/usr/bin/env bash
# bench/latency-breakdown.sh: where one request's time goes, read from the handler's own structured log lines
# (durationMs, cache, s3Status, s3LatencyMs) through the local stack. Used by docs/latency.md.
#
#   bench/latency-breakdown.sh [REQUESTS]      (default 6 requests per configuration, delay=0, one at a time)
#
# Two configurations of the same template: CacheRevalidateSeconds=0 (every request revalidates with a conditional
# GET, so S3 answers 304) and the default 60 s (the first request misses, the rest are cache hits with no S3 call).
# Each starts a fresh local stack with --warm-containers LAZY, so the first request is a cold start.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-6}
source bench/jars.sh
OUT=target/bench/latency-breakdown
mkdir -p "$OUT"

run() { # NAME OVERRIDES...
  local name=$1; shift
  local log="$OUT/$name.log"
  "${LOCAL_STACK[@]}" start-api -p 0 --warm-containers LAZY "$@" >"$log" 2>&1 &
  local pid=$!
  local url
  url=$(stack_url "$log" "$pid" 30) || { kill "$pid" 2>/dev/null; exit 1; }
  for _ in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '' "$url/csv_test?delay=0"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "### $name ($*)"
  echo
  echo "| request | cold start | cache | S3 status | S3 latency (ms) | handler duration (ms) |"
  echo "|---:|---|---|---|---:|---:|"
  grep -E '^\{.*"message":"GET /csv_test' "$log" | python3 -c '
import json, sys
for i, line in enumerate(sys.stdin, 1):
    d = json.loads(line)
    cells = [i, d.get("coldStart"), d.get("cache"), d.get("s3Status", "-"), d.get("s3LatencyMs", "-"), d.get("durationMs")]
    print("| " + " | ".join(str(c) for c in cells) + " |")
'
  echo
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo
run revalidate-every-request --parameter-overrides CacheRevalidateSeconds=0
run default-interval
