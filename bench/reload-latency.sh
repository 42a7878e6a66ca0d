#!/usr/bin/env bash
# bench/reload-latency.sh: hot reload latency of the project's own function (CsvTestHandler) under the local stack:
# from the moment a build finishes to the first request answered by the new code. Used by docs/performance.md
# ("Reload latency").
#
#   bench/reload-latency.sh [JAVAC_BUILDS] [MAVEN_BUILDS]     (defaults 50 and 3)
#
# The function is copied to a temporary folder (the repository's sources are never edited) and served from there
# with `java -jar local-stack/target/local-stack.jar start-api`. Each build edits one string of the handler's code
# (the 400 answer's detail text for ?delay=abc), then either compiles that one file with javac straight into
# target/classes (what an IDE does) or runs `./mvnw -o -q -f function.pom.xml compile` (Maven's incremental compile,
# which deletes the classes folder first). Then `GET /csv_test?delay=abc` is polled every 20 ms until the new text
# comes back. After the javac builds it reports the stack JVM's loaded classes and heap after a full GC, against their
# level after the first two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jars.sh   # builds the stack and the function (target/classes, target/lib) once; free_port, stack_url
JAVAC_BUILDS=${1:-50}
MAVEN_BUILDS=${2:-3}
ROOT=$PWD
OUT=$ROOT/target/bench/reload-latency
mkdir -p "$OUT"

WORK=$(mktemp -d /tmp/reload-latency.XXXXXX)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r pom.xml function.pom.xml mvnw .mvn template.yaml "$WORK/"
mkdir -p "$WORK/src" "$WORK/target"
cp -r src/main "$WORK/src/"
cp -r target/classes target/lib "$WORK/target/"
SOURCE=src/main/java/dev/csvtest/function/delay/DelayParameter.java
grep -q 'such as 2 or 0\.25' "$WORK/$SOURCE" || { echo "edit point not found in $SOURCE" >&2; exit 1; }

LOG=$OUT/stack.log
"$JAVA" -jar local-stack/target/local-stack.jar start-api -t "$WORK/template.yaml" --port 0 \
  --no-stage-throttling -q >"$LOG" 2>&1 &
PID=$!
URL=$(stack_url "$LOG" "$PID" 60)
curl -s -o /dev/null "$URL/csv_test?delay=0"

now_ms() { date +%s%3N; }

# One build: edit the marker, build with $1 (javac|maven), then wait for the new text; prints the latency in ms.
build() {
  local how=$1 n=$2
  sed -i -E "s/such as 2 or 0\.25[^.\"]*\./such as 2 or 0.25 (build $n)./" "$WORK/$SOURCE"
  if [ "$how" = javac ]; then
    "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$WORK/target/classes:$WORK/target/lib/*" \
      -d "$WORK/target/classes" "$WORK/$SOURCE"
  else
    (cd "$WORK" && ./mvnw -B -o -q -f function.pom.xml compile >/dev/null)
  fi
  local built
  built=$(now_ms)
  until curl -s "$URL/csv_test?delay=abc" | grep -q "(build $n)"; do
    if [ $(( $(now_ms) - built )) -gt 60000 ]; then
      "$JAVA_HOME/bin/jcmd" "$PID" Thread.print >"$OUT/threads.txt" 2>&1 || true
      echo "build $n never served; see $LOG and $OUT/threads.txt" >&2
      exit 1
    fi
    sleep 0.02
  done
  echo $(( $(now_ms) - built ))
}

live_classes() { "$JAVA_HOME/bin/jstat" -class "$PID" | awk 'NR == 2 { print $1 - $3 }'; }
heap_after_gc() {
  "$JAVA_HOME/bin/jcmd" "$PID" GC.run >/dev/null
  sleep 1
  "$JAVA_HOME/bin/jcmd" "$PID" GC.heap_info | grep -Eo 'used [0-9]+K' | head -1 | grep -Eo '[0-9]+'
}

stats() { # FILE: median and p90 of one number per line
  sort -n "$1" | awk '{ v[NR] = $1 } END { m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.9 + 0.999)]; printf "median %d ms, p90 %d ms (n = %d, min %d, max %d)", m, p, NR, v[1], v[NR] }'
}

: >"$OUT/javac.txt"
: >"$OUT/maven.txt"
for n in 1 2; do build javac "warm-up-$n" >/dev/null; done
HEAP_BEFORE=$(heap_after_gc)
CLASSES_BEFORE=$(live_classes)
for n in $(seq 1 "$JAVAC_BUILDS"); do
  build javac "$n" >>"$OUT/javac.txt"
done
sleep 2
HEAP_AFTER=$(heap_after_gc)
CLASSES_AFTER=$(live_classes)
for n in $(seq 1 "$MAVEN_BUILDS"); do
  build maven "mvn-$n" >>"$OUT/maven.txt"
done
grep -E '^reloaded CsvTestFunction' "$LOG" | grep -Eo 'in [0-9]+ ms' | grep -Eo '[0-9]+' >"$OUT/swap.txt"
grep -E '^CsvTestFunction#[0-9]+ init' "$LOG" | tail -n +2 | sed -E 's/.*init ([0-9]+) ms, beforeCheckpoint ([0-9]+) ms, afterRestore ([0-9]+) ms.*/\1 \2 \3/' >"$OUT/phases.txt"
awk '{ print $1 + $2 + $3 }' "$OUT/phases.txt" >"$OUT/cold.txt"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ { print $2 }') GiB;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "Build finished -> first request answered by the new code:"
echo "  javac, one file into target/classes: $(stats "$OUT/javac.txt")"
echo "  ./mvnw -o -q compile:                $(stats "$OUT/maven.txt")"
echo "Of which: quiet period 300 ms; reload (open, fingerprint, swap): $(stats "$OUT/swap.txt");"
echo "  the new environment's cold start (init + beforeCheckpoint priming + afterRestore): $(stats "$OUT/cold.txt")"
echo "Stack JVM after the first 2 builds -> after $JAVAC_BUILDS more: live classes $CLASSES_BEFORE -> $CLASSES_AFTER," \
  "heap after a full GC $((HEAP_BEFORE / 1024)) -> $((HEAP_AFTER / 1024)) MB"
