#!/usr/bin/env bash
# Checks what `sam build` produced, per AWS::Serverless::Function of template.yaml: the handler class is there, the
# runtime jars are in lib/, no test or dev jar or class ships, and the zip stays within 10 MB.
#   bash .ci/lib/check-artifacts.sh <build dir, e.g. .aws-sam/build> [python with samcli, default .venv-ci/sam/bin/python]
# Prints one line per function, "PASS  artifact <Function> ..." or "FAIL  artifact <Function> ...", and exits
# non-zero if any fails. Called by template-checks.sh and deploy-path.sh on the output of the documented `sam build`.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=${1:?usage: check-artifacts.sh <build dir> [python]}
PY=${2:-$ROOT/.venv-ci/sam/bin/python}
MAX_ZIP_BYTES=$((10 * 1024 * 1024))   # the project's budget for the zipped function (Lambda's own limit is 50 MB)

# Jars that must never ship: the test and dev tooling, and the HTTP clients we excluded on purpose.
# (slf4j-simple ships on purpose: the SDK's SLF4J backend at WARN, see function.pom.xml.)
FORBIDDEN_JARS='s3proxy|junit|opentest4j|apiguardian|assertj|jetty|snakeyaml|jqwik|mockito|byte-buddy|archunit|aws-lambda-java-tests|aws-lambda-java-serialization|netty-nio-client|apache-client|apache5-client|httpclient|tools\.jackson|picocli|csv-test-'
# Jars the functions need at run time (joda-time: the Lambda runtime's event deserializer loads it; slf4j-simple: the
# SDK's logging backend; see function.pom.xml).
REQUIRED_JARS='aws-lambda-java-core aws-lambda-java-events joda-time s3- url-connection-client crac slf4j-simple'
mb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
FAILED=0

check_function() { # check_function <logical id> <handler>
  local fn=$1 handler=$2 dir="$BUILD_DIR/$1" problems=() class jar zip size bad devclasses
  class="${handler%%::*}"
  class="${class//.//}.class"
  [ -f "$dir/$class" ] || problems+=("handler class $class is missing")
  for jar in $REQUIRED_JARS; do
    ls "$dir/lib/" 2>/dev/null | grep -q -- "^$jar" || problems+=("runtime jar $jar* is missing from lib/")
  done
  bad=$(ls "$dir/lib/" 2>/dev/null | grep -E -- "$FORBIDDEN_JARS" | tr '\n' ' ')
  [ -z "$bad" ] || problems+=("test/dev-only jars shipped: $bad")
  # The local stack, the load tool and the benches live in their own modules: none of their classes may ship.
  devclasses=$(cd "$dir" 2>/dev/null && find dev/csvtest/local dev/csvtest/load dev/csvtest/bench dev/csvtest/testing \
    -name '*.class' 2>/dev/null | head -3 | tr '\n' ' ')
  [ -z "$devclasses" ] || problems+=("dev classes shipped: $devclasses")
  zip=$(mktemp -u --suffix=.zip)
  (cd "$dir" && zip -q -r -X "$zip" .)
  size=$(stat -c %s "$zip" 2>/dev/null || echo 0)
  rm -f "$zip"
  [ "$size" -gt 0 ] || problems+=("nothing to zip in $dir")
  [ "$size" -le "$MAX_ZIP_BYTES" ] || problems+=("zipped size $size bytes exceeds $MAX_ZIP_BYTES")
  local jars
  jars=$(ls "$dir/lib" 2>/dev/null | wc -l)
  echo "$fn zipped: $size bytes ($(mb "$size") MiB), $jars jars, handler $handler"
  if [ ${#problems[@]} -eq 0 ]; then
    printf '%-4s  %-28s %s\n' PASS "artifact $fn" "$(mb "$size") MiB zipped (limit 10 MiB), $jars jars"
  else
    printf '  problem: %s\n' "${problems[@]}"
    printf '%-4s  %-28s %s\n' FAIL "artifact $fn" "$(IFS=';'; echo "${problems[*]}")"
    FAILED=1
  fi
}

# Every AWS::Serverless::Function of the built template and its Handler, read with SAM's own YAML loader.
functions=$("$PY" - "$BUILD_DIR/template.yaml" <<'PYEOF'
import sys
from samcli.yamlhelper import yaml_parse
template = yaml_parse(open(sys.argv[1]).read())
for name, resource in template.get("Resources", {}).items():
    if resource.get("Type") == "AWS::Serverless::Function":
        print(name, resource["Properties"]["Handler"])
PYEOF
)
if [ -z "$functions" ]; then
  printf '%-4s  %-28s %s\n' FAIL "artifact" "no AWS::Serverless::Function in $BUILD_DIR/template.yaml"
  exit 1
fi
while read -r fn handler; do
  [ -n "$fn" ] && check_function "$fn" "$handler"
done <<<"$functions"
exit "$FAILED"
