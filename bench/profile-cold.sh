#!/usr/bin/env bash
# bench/profile-cold.sh: where a cold execution environment's CPU goes, from Java Flight Recorder samples.
#
#   bench/profile-cold.sh [LOCAL_STACK_JAR]     (default: local-stack/target/local-stack.jar, built by bench/jars.sh)
#   STACK_JVM_OPTS="-XX:TieredStopAtLevel=1" bench/profile-cold.sh     (JVM options for the stack)
#
# Serves this project's template.yaml with the given local stack jar, recording with JFR (the "profile" settings), and
# measures two bursts: 200 x delay=1 on the fresh stack (its JIT still cold), and, after 300 warm-up requests, a burst
# of 300 that needs 200 new environments in the now-warm JVM. For each it prints the stack's CPU (from /proc), the
# share of JFR's execution samples per activity (innermost recognisable frame wins), and the compiler threads' time.
# The marginal CPU of one new environment is (burst with 200 new) - (the same burst all warm), / 200.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JARS_BUILT=${JARS_BUILT:-0} source bench/jars.sh >/dev/null 2>&1
STACK=${1:-$ROOT/local-stack/target/local-stack.jar}
OUT=target/bench/profile-cold; mkdir -p "$OUT"
PORT=$(free_port)
"$JAVA" ${STACK_JVM_OPTS:-} -XX:StartFlightRecording=name=a,settings=profile -jar "$STACK" start-api -p "$PORT" -q --no-stage-throttling \
  --no-reload >"$OUT/stack.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
stack_url "$OUT/stack.log" "$PID" 120 >/dev/null
cpu() { awk '{print ($14+$15)/100}' "/proc/$PID/stat"; }
burst() { "${LOAD_TOOL[@]}" --url "http://127.0.0.1:$PORT/csv_test?delay=$2" -n "$1" --suffix --warmup 0 --no-progress \
  --json "$OUT/load-$3.json" >"$OUT/load-$3.txt" 2>&1 || true; }
c0=$(cpu); burst 200 1 fresh; c1=$(cpu)
jcmd "$PID" JFR.dump name=a filename="$ROOT/$OUT/fresh.jfr" >/dev/null; jcmd "$PID" JFR.stop name=a >/dev/null
burst 100 1 w1; burst 100 1 w2; burst 100 1 w3
jcmd "$PID" JFR.start name=b settings=profile >/dev/null
c2=$(cpu); burst 300 1 new; c3=$(cpu)
jcmd "$PID" JFR.dump name=b filename="$ROOT/$OUT/new.jfr" >/dev/null; jcmd "$PID" JFR.stop name=b >/dev/null
burst 300 1 warm; c4=$(cpu)
kill $PID; wait $PID 2>/dev/null || true
for p in fresh new; do "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample,jdk.Compilation,jdk.GarbageCollection "$OUT/$p.jfr" >"$OUT/$p.txt"; done
python3 - "$OUT" "$c0" "$c1" "$c2" "$c3" "$c4" "$STACK" <<'PY'
import re, sys, collections
out, c0, c1, c2, c3, c4, stack = sys.argv[1], *map(float, sys.argv[2:7]), sys.argv[7]
CATS = [
    ("class definition (the function's classes, per environment)", ("java.lang.ClassLoader.defineClass", "dev.csvtest.local.code.", "org.objectweb.asm.", "java.util.zip.")),
    ("lambdas and method handles spun per environment", ("java.lang.invoke.", "jdk.internal.classfile.")),
    ("Lambda's serializer (response JSON)", ("com.amazonaws.lambda.thirdparty.", "com.amazonaws.services.lambda.runtime.serialization.")),
    ("SDK client build (handler init)", ("software.amazon.awssdk.core.client.builder.", "software.amazon.awssdk.services.s3.DefaultS3", "software.amazon.awssdk.awscore.client.builder.")),
    ("S3 requests in the function (SDK, HTTP client)", ("software.amazon.awssdk.", "sun.net.www.")),
    ("embedded S3 server (S3Proxy, Jetty)", ("org.gaul.",)),
    ("gateway (events, response, sockets)", ("dev.csvtest.local.gateway.", "tools.jackson.", "sun.nio.ch.")),
    ("function code (handler, cache, log line)", ("dev.csvtest.function.",)),
    ("emulator: environments, invocations", ("dev.csvtest.local.",)),
]
def classify(frames):
    for f in frames:                      # innermost first
        for name, prefixes in CATS:
            if f.startswith(prefixes):
                return name
    return "other (JDK, GC barriers, ...)"
def report(label, cpu, path):
    text = open(path).read()
    samples = [re.findall(r'^\s+([\w$.<>/]+)\(', e, flags=re.M) for e in text.split("jdk.ExecutionSample")[1:]]
    samples = [s for s in samples if s]
    compile_ms = sum(float(x) for x in re.findall(r'jdk\.Compilation \{.*?duration = ([\d.]+) ms', text, flags=re.S))
    gc_ms = sum(float(x) for x in re.findall(r'jdk\.GarbageCollection \{.*?sumOfPauses = ([\d.]+) ms', text, flags=re.S))
    counts = collections.Counter(classify(s) for s in samples)
    print(f"### {label}")
    print()
    print(f"The stack's CPU for the burst: **{cpu:.2f} s** (user + system, from /proc). JFR: {len(samples)} execution samples "
          f"of Java threads; compilations of 100 ms or more took {compile_ms/1000:.2f} s of compiler threads; GC pauses {gc_ms/1000:.2f} s.")
    print()
    print("| activity (innermost frame) | share of samples |")
    print("|---|---:|")
    for name, _ in CATS + [("other (JDK, GC barriers, ...)", ())]:
        if counts[name]:
            print(f"| {name} | {100 * counts[name] / len(samples):.1f}% |")
    print()
print(f"Local stack jar: `{stack.replace(sys.path[0], '')}`.")
print()
report("200 x delay=1 on a fresh stack (200 new environments, JIT cold)", c1 - c0, f"{out}/fresh.txt")
import json
fresh = json.load(open(f"{out}/load-fresh.json"))
print(f"That burst: slowest response {fresh['latencyMs']['max'] / 1000:.2f} s, {fresh['ok']} ok, {fresh['failed']} failed.")
print()
report("300 x delay=1 needing 200 new environments, in a warm JVM", c3 - c2, f"{out}/new.txt")
marginal = ((c3 - c2) - (c4 - c3)) / 200 * 1000
print(f"Marginal CPU of a new environment in a warm JVM: ({c3 - c2:.2f} s - {c4 - c3:.2f} s, the same burst all warm) / 200 "
      f"= **{marginal:.1f} ms**.")
PY
