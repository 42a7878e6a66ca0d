#!/usr/bin/env bash
# Offline checks of the deployment: AWS's own tools on template.yaml, then `sam build` through SAM's Maven
# workflow and a check of the built function. Called by .ci/run after the tests; also runnable on its own:
#   bash .ci/lib/template-checks.sh
# Installs its tools itself (pinned, from PyPI) into .venv-ci/ (gitignored); a second run reuses them.
# Needs no AWS credentials and no network beyond PyPI and Maven Central. Exits non-zero if any check fails,
# after running all of them and printing one summary line per check.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

source .ci/lib/sam-venv.sh   # SAM_CLI_VERSION, CFN_LINT_VERSION, make_venv, make_sam_venv
CHECKOV_VERSION=3.3.30
MAX_ZIP_BYTES=$((10 * 1024 * 1024))   # the issue's budget for the zipped function (Lambda's own limit is 50 MB)

VENV_DIR="$ROOT/.venv-ci"
SAM_VENV="$VENV_DIR/sam"          # aws-sam-cli + cfn-lint (sam validate --lint uses cfn-lint)
CHECKOV_VENV="$VENV_DIR/checkov"  # checkov alone: its pins conflict with aws-sam-cli's

# Offline and quiet: no telemetry, no credential or region look-ups, no instance metadata probes.
export SAM_CLI_TELEMETRY=0
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_REGION="${AWS_REGION:-$AWS_DEFAULT_REGION}"
export AWS_EC2_METADATA_DISABLED=true
export BC_SKIP_MAPPING=TRUE

section() { printf '\n==== %s ====\n' "$*"; }
declare -a SUMMARY=()
FAILED=0
record() { # record <PASS|FAIL> <check> <detail>
  SUMMARY+=("$(printf '%-4s  %-28s %s' "$1" "$2" "$3")")
  [ "$1" = PASS ] || FAILED=1
}
seconds_since() { echo $(( $(date +%s) - $1 )); }

# ---------------------------------------------------------------------------------------------------------------
section "Tools: pinned venvs in .venv-ci/"
t0=$(date +%s)
if make_sam_venv "$SAM_VENV" &&
   make_venv "$CHECKOV_VENV" "checkov==$CHECKOV_VERSION"; then
  record PASS "tools" "aws-sam-cli $SAM_CLI_VERSION, cfn-lint $CFN_LINT_VERSION, checkov $CHECKOV_VERSION ($(seconds_since "$t0") s)"
else
  record FAIL "tools" "could not install the pinned tools from PyPI"
  printf '%s\n' "${SUMMARY[@]}"
  exit 1
fi
SAM="$SAM_VENV/bin/sam"

# ---------------------------------------------------------------------------------------------------------------
section "sam validate --lint"
if "$SAM" validate --lint --template-file template.yaml; then
  record PASS "sam validate --lint" "template.yaml is a valid SAM template, no lint findings"
else
  record FAIL "sam validate --lint" "see the output above"
fi

# ---------------------------------------------------------------------------------------------------------------
section "cfn-lint template.yaml"
if "$SAM_VENV/bin/cfn-lint" template.yaml; then
  record PASS "cfn-lint" "no errors or warnings"
else
  record FAIL "cfn-lint" "see the findings above"
fi

# ---------------------------------------------------------------------------------------------------------------
section "checkov -f template.yaml --framework cloudformation"
# --skip-download: no calls to the vendor's platform (it is unreachable here, and not needed for the checks).
# Every skip is a Metadata.checkov.skip entry with its reason, next to the resource in template.yaml.
checkov_json=$(mktemp)
"$CHECKOV_VENV/bin/checkov" -f template.yaml --framework cloudformation --skip-download --compact --quiet
checkov_rc=$?
"$CHECKOV_VENV/bin/checkov" -f template.yaml --framework cloudformation --skip-download -o json > "$checkov_json" 2>/dev/null
counts=$("$SAM_VENV/bin/python" - "$checkov_json" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1]))
reports = data if isinstance(data, list) else [data]
s = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0}
for r in reports:
    for k in s:
        s[k] += r.get("summary", {}).get(k, 0)
print(f'{s["passed"]} {s["failed"]} {s["skipped"]} {s["parsing_errors"]}')
EOF
) || counts="0 1 0 1"
read -r ck_passed ck_failed ck_skipped ck_parse <<<"$counts"
rm -f "$checkov_json"
if [ "$checkov_rc" -eq 0 ] && [ "$ck_failed" -eq 0 ] && [ "$ck_parse" -eq 0 ] && [ "$ck_passed" -gt 0 ]; then
  record PASS "checkov" "$ck_passed passed, $ck_failed failed, $ck_skipped skipped (each justified in template.yaml)"
else
  record FAIL "checkov" "$ck_passed passed, $ck_failed failed, $ck_skipped skipped, $ck_parse parsing errors (exit $checkov_rc)"
fi

# ---------------------------------------------------------------------------------------------------------------
section "Security properties: least privilege, private TLS-only bucket, throttling, CORS, tracing, JSON logs"
if sec_out=$("$SAM_VENV/bin/python" .ci/lib/template-security.py template.yaml); then
  echo "$sec_out"
  record PASS "security properties" "$(tail -1 <<<"$sec_out" | sed 's/^template security properties: //')"
else
  echo "$sec_out"
  record FAIL "security properties" "$(grep -c '^FAIL' <<<"$sec_out") failed, see above"
fi

# ---------------------------------------------------------------------------------------------------------------
section "sam build (SAM's Maven workflow)"
# SAM copies the whole CodeUri (".") to a scratch dir and hashes it for --cached, skipping only .aws-sam and .git.
# Building from a staged copy of the files git knows (tracked, plus untracked-but-not-ignored) keeps .venv-ci/,
# target/ and node_modules/ out of both, so the build sees exactly what a clean clone would.
STAGE="$ROOT/.aws-sam/ci-src"
BUILD_DIR="$ROOT/.aws-sam/build"
rm -rf "$STAGE" && mkdir -p "$STAGE"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$STAGE"

# SAM runs the `mvn` on PATH with that Maven's JAVA_HOME. A shim first on PATH runs the project's wrapper
# (Maven 3.9.16), under the JDK >= 21 that select-jdk.sh exported.
source .ci/lib/select-jdk.sh
SHIM_DIR="$ROOT/.aws-sam/ci-bin"
mkdir -p "$SHIM_DIR"
printf '#!/bin/sh\nexec "%s/mvnw" "$@"\n' "$ROOT" > "$SHIM_DIR/mvn"
chmod +x "$SHIM_DIR/mvn"
# SAM's workflow runs `mvn clean install` (tests included) then `mvn dependency:copy-dependencies
# -DincludeScope=runtime`. The tests already ran in `./mvnw -B verify`; Maven >= 3.9 prepends MAVEN_ARGS to
# every invocation, which is the one hook SAM leaves to skip them here.
t0=$(date +%s)
if PATH="$SHIM_DIR:$PATH" MAVEN_ARGS="-B -Dmaven.test.skip=true" "$SAM" build \
     --template-file "$STAGE/template.yaml" --build-dir "$BUILD_DIR" \
     --cached --cache-dir "$ROOT/.aws-sam/cache" --parallel; then
  record PASS "sam build" "$(seconds_since "$t0") s (Maven workflow, --cached)"
  built=1
else
  record FAIL "sam build" "see the output above ($(seconds_since "$t0") s)"
  built=0
fi

# ---------------------------------------------------------------------------------------------------------------
section "Built functions: handler class, runtime jars, no test/dev jars, zipped size"
# Jars that must never ship: the test and dev tooling, and the HTTP clients we excluded on purpose.
FORBIDDEN_JARS='s3proxy|junit|opentest4j|apiguardian|assertj|slf4j-simple|jetty|snakeyaml|jqwik|mockito|byte-buddy|aws-lambda-java-tests|aws-lambda-java-serialization|netty-nio-client|apache-client|apache5-client|httpclient|tools\.jackson'
# Jars the functions need at run time (joda-time: the Lambda runtime's event deserializer loads it, see pom.xml).
REQUIRED_JARS='aws-lambda-java-core aws-lambda-java-events joda-time software.amazon.awssdk.s3- url-connection-client crac'
mb() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
check_function() { # check_function <logical id> <handler>
  local fn=$1 handler=$2 dir="$BUILD_DIR/$1" problems=() class jar zip size
  class="${handler%%::*}"
  class="${class//.//}.class"
  [ -f "$dir/$class" ] || problems+=("handler class $class is missing")
  for jar in $REQUIRED_JARS; do
    ls "$dir/lib/" 2>/dev/null | grep -q -- "$jar" || problems+=("runtime jar $jar* is missing from lib/")
  done
  local bad
  bad=$(ls "$dir/lib/" 2>/dev/null | grep -E -- "$FORBIDDEN_JARS" | tr '\n' ' ')
  [ -z "$bad" ] || problems+=("test/dev-only jars shipped: $bad")
  # Dev tooling and tests live in src/dev and src/test: none of their classes may reach the artifact.
  local devclasses
  devclasses=$(cd "$dir" && find dev/csvtest/local dev/csvtest/load dev/csvtest/bench -name '*.class' 2>/dev/null | head -3 | tr '\n' ' ')
  [ -z "$devclasses" ] || problems+=("dev classes shipped: $devclasses")
  zip=$(mktemp -u --suffix=.zip)
  (cd "$dir" && zip -q -r -X "$zip" .)
  size=$(stat -c %s "$zip")
  rm -f "$zip"
  [ "$size" -le "$MAX_ZIP_BYTES" ] || problems+=("zipped size $size bytes exceeds $MAX_ZIP_BYTES")
  local detail
  detail=$(printf '%s zipped: %d bytes (%s MB), %d jars, handler %s' "$fn" "$size" "$(mb "$size")" \
    "$(ls "$dir/lib" 2>/dev/null | wc -l)" "$handler")
  echo "$detail"
  if [ ${#problems[@]} -eq 0 ]; then
    record PASS "artifact $fn" "$(printf '%s MB zipped (limit 10 MB), %d jars' "$(mb "$size")" "$(ls "$dir/lib" | wc -l)")"
  else
    printf '  problem: %s\n' "${problems[@]}"
    record FAIL "artifact $fn" "$(IFS=';'; echo "${problems[*]}")"
  fi
}
if [ "$built" -eq 1 ]; then
  # Every AWS::Serverless::Function of the template and its Handler, read with SAM's own YAML loader.
  functions=$("$SAM_VENV/bin/python" - "$ROOT/template.yaml" <<'EOF'
import sys
from samcli.yamlhelper import yaml_parse
template = yaml_parse(open(sys.argv[1]).read())
for name, resource in template.get("Resources", {}).items():
    if resource.get("Type") == "AWS::Serverless::Function":
        print(name, resource["Properties"]["Handler"])
EOF
  )
  if [ -z "$functions" ]; then
    record FAIL "artifact" "no AWS::Serverless::Function found in template.yaml"
  fi
  while read -r fn handler; do
    [ -n "$fn" ] && check_function "$fn" "$handler"
  done <<<"$functions"
else
  record FAIL "artifact" "not checked: sam build failed"
fi

# ---------------------------------------------------------------------------------------------------------------
section "Template checks: summary"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then
  echo "template checks: FAILED" >&2
  exit 1
fi
echo "template checks: all passed"
