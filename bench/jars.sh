# Sourced by the scripts that run the project's tools: builds what they need once (no tests) and defines how to run
# each, with a JDK >= 21 (select-jdk.sh). After sourcing:
#   "${LOCAL_STACK[@]}" start-api -p 0 ...   the local stack (java -XX:TieredStopAtLevel=1 -jar local-stack/target/local-stack.jar)
#   "${LOAD_TOOL[@]}" --url URL -n N ...     the load tool, C1 only (java -jar load-tool/target/load-tool.jar)
#   "$JAVA" -cp "$BENCH_JAR" dev.csvtest.bench.BareServer ...   the bench helpers
#   free_port                                a free loopback port to start a server on
#   url=$(stack_url LOG PID [SECONDS])       the URL a local stack started in the background with its output in LOG
#                                            prints when ready; fails (reason on stderr) if PID ends or SECONDS pass
# Set JARS_BUILT=1 to skip the build (a caller that already built them).
_jars_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$_jars_root/.ci/lib/select-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
if [ "${JARS_BUILT:-0}" != 1 ]; then
  (cd "$_jars_root" && ./mvnw -B -q -DskipTests package \
    -pl :csv-test-function,:csv-test-local-stack,:csv-test-load-tool,:csv-test-bench -am)
  export JARS_BUILT=1
fi
# C1 only, as Lambda's java21 runtime runs functions (see local-stack/.../cli/LambdaJit.java).
LOCAL_STACK=("$JAVA" -XX:TieredStopAtLevel=1 -jar "$_jars_root/local-stack/target/local-stack.jar")
LOAD_TOOL=("$JAVA" -XX:TieredStopAtLevel=1 -jar "$_jars_root/load-tool/target/load-tool.jar")
BENCH_JAR="$_jars_root/bench/target/bench.jar"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
stack_url() {
  local log=$1 pid=$2 seconds=${3:-120} url
  for _ in $(seq 1 $((seconds * 10))); do
    url=$(grep -Eo 'Local API ready: http://[0-9.]+:[0-9]+' "$log" 2>/dev/null | head -1 | grep -Eo 'http://[0-9.:]+' || true)
    [ -n "$url" ] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "the local stack exited before it was ready; see $log" >&2; return 1; }
    sleep 0.1
  done
  echo "the local stack printed no 'Local API ready' line in $seconds s; see $log" >&2
  return 1
}
