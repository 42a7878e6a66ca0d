#!/usr/bin/env bash
# The commands docs/deploy.md gives, in the order a user types them, each run as far as this machine allows (no AWS
# account, no credentials): the ones that need AWS must fail because credentials are missing, not for any earlier
# reason. Runs on a copy of the files git knows (what a fresh clone holds), with `java` the machine's default (17
# here) and no JAVA_HOME, as a new user would:
#   bash .ci/lib/deploy-path.sh [--keep-build DIR]
# (--keep-build: copy what steps 3 and 4 built, the documented `sam build` of a fresh copy, to DIR for the later checks, so
# that .ci/run builds the functions once: template-checks.sh, sam-local-checks.sh and conformance.sh read it.)
# 1. sam --version, java -version                      (prerequisites)
# 2. sam validate --lint
# 3. sam build, with no `mvn` on PATH                  (timed; no test may run; the shared code compiled once)
# 4. sam build --cached, again                         (timed: the second run)
# 5. the artifact check (.ci/lib/check-artifacts.sh)   on what step 3/4 built
# 6. sam build on a fresh copy with Debian's Maven 3.8.7 on PATH (apt-get install maven if absent; timed)
# 7. sam deploy --guided                               (answers the prompts with the defaults; stops at credentials)
# 8. sam deploy --no-execute-changeset                 (stops at credentials)
# 9. sam list stack-outputs --stack-name csv-test      (stops at credentials)
# 10. sam deploy --parameter-overrides MaxDelaySeconds=10 (stops at credentials), and offline: the new value publishes
#    a new version and moves the alias (.ci/lib/version-on-change.py); throttle/delay/quota rule (.ci/lib/limits-check.py)
# 11. sam delete --no-prompts                          (stops at credentials)
# Prints a PASS/FAIL line per step and "DEPLOY: ..." figure lines; exits 1 if any step fails. A build slower than the
# 60 s budget is reported (with the machine's load) but does not fail the run: CI shares its 2 cores.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
KEEP_BUILD=
case "${1:-}" in
  --keep-build) KEEP_BUILD=${2:?--keep-build needs a folder} ;;
  "") ;;
  *) echo "usage: $0 [--keep-build DIR]" >&2; exit 2 ;;
esac
source .ci/lib/sam-venv.sh   # SAM_CLI_VERSION, CFN_LINT_VERSION, make_sam_venv
BUILD_BUDGET_S=60
SAM_VENV="$ROOT/.venv-ci/sam"

section() { printf '\n==== %s ====\n' "$*"; }
FAILED=0
declare -a SUMMARY=()
record() { SUMMARY+=("$(printf '%-4s  %-34s %s' "$1" "$2" "$3")"); [ "$1" = PASS ] || FAILED=1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }

# ---------------------------------------------------------------------------------------------------------------
section "Tools and the user's environment"
make_sam_venv "$SAM_VENV" || { echo "could not install the SAM CLI" >&2; exit 1; }
# make runs the Makefile `sam build` calls (docs/deploy.md lists it with the JDK and the SAM CLI).
command -v make >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make >/dev/null; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# PATH as a new user has it: the system's folders, `sam` from the pinned venv, and no `mvn` (a folder of links to
# every command but mvn). `java` is the machine's default; JAVA_HOME is unset for every step below.
NOMVN="$WORK/bin-no-mvn"
mkdir -p "$NOMVN"
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    n=${f##*/}
    case $n in mvn | mvnDebug | mvnyjp) continue ;; esac
    [ -e "$NOMVN/$n" ] || ln -s "$f" "$NOMVN/$n"
  done
done
ln -sf "$SAM_VENV/bin/sam" "$NOMVN/sam"
WITHMVN="$WORK/bin-debian-mvn"
mkdir -p "$WITHMVN" && ln -sf "$SAM_VENV/bin/sam" "$WITHMVN/sam"
PATH_NO_MVN="$NOMVN"
PATH_DEBIAN_MVN="$WITHMVN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# No credentials, no Region look-ups beyond the default, no instance metadata, no telemetry.
user() { # user <PATH> <dir> <command...>: runs a command as the user would, in <dir>
  local path=$1 dir=$2; shift 2
  (cd "$dir" && env -u JAVA_HOME -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE \
     -u MAVEN_ARGS -u MAVEN_OPTS PATH="$path" SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 \
     AWS_EC2_METADATA_DISABLED=true AWS_SHARED_CREDENTIALS_FILE="$WORK/no-credentials" \
     AWS_CONFIG_FILE="$WORK/no-config" "$@")
}
stage() { # stage <dir>: the files git knows (tracked, plus untracked-but-not-ignored), as a fresh clone holds them
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$1"
}
A="$WORK/clone-a"
stage "$A"
echo "project copied to $A ($(du -sh "$A" | cut -f1))"

# ---------------------------------------------------------------------------------------------------------------
section "1. Prerequisites: java -version, sam --version (no mvn on PATH)"
java_line=$(user "$PATH_NO_MVN" "$A" java -version 2>&1 | head -1)
sam_line=$(user "$PATH_NO_MVN" "$A" sam --version 2>&1)
mvn_seen=$(user "$PATH_NO_MVN" "$A" sh -c 'command -v mvn || echo none')
echo "$java_line; $sam_line; mvn on PATH: $mvn_seen; JAVA_HOME unset"
if [ "$mvn_seen" = none ] && [ -n "$java_line" ]; then
  record PASS "prerequisites" "$java_line, $sam_line, no mvn"
else
  record FAIL "prerequisites" "java: '$java_line', mvn: $mvn_seen"
fi

# ---------------------------------------------------------------------------------------------------------------
section "2. sam validate --lint"
if user "$PATH_NO_MVN" "$A" sam validate --lint; then
  record PASS "sam validate --lint" "valid, no lint findings"
else
  record FAIL "sam validate --lint" "see above"
fi

# ---------------------------------------------------------------------------------------------------------------
# check_build <name> <output file> <dir> <seconds> <expected compiles>
check_build() {
  local name=$1 out=$2 dir=$3 secs=$4 compiles=$5 problems=() n
  n=$(grep -c '^csv-test: compiling' "$out")
  [ "$n" -eq "$compiles" ] || problems+=("Maven ran $n times, expected $compiles")
  if grep -inE '\b(error|exception|failed|failure)\b|\[WARNING\]' "$out" >/dev/null; then
    problems+=("error-looking output: $(grep -inE '\b(error|exception|failed|failure)\b|\[WARNING\]' "$out" | head -2 | tr '\n' ' ')")
  fi
  grep -q 'Build Succeeded' "$out" || problems+=("no 'Build Succeeded'")
  [ ! -d "$dir/target/surefire-reports" ] && [ ! -d "$dir/target/test-classes" ] &&
    ! grep -q 'Tests run:' "$dir/target/sam-build.log" 2>/dev/null || problems+=("tests were compiled or run")
  local budget="within the ${BUILD_BUDGET_S} s budget"
  awk -v s="$secs" -v b="$BUILD_BUDGET_S" 'BEGIN { exit !(s > b) }' && budget="OVER the ${BUILD_BUDGET_S} s budget"
  echo "DEPLOY: $name: $secs s ($budget; Maven runs: $n; load average $(load) on $(nproc) cores)"
  if [ ${#problems[@]} -eq 0 ]; then
    record PASS "$name" "$secs s, $n Maven run(s), no test, no error output"
  else
    record FAIL "$name" "$(IFS=';'; echo "${problems[*]}")"
  fi
}

section "3. sam build (no mvn on PATH, default java, no JAVA_HOME)"
t0=$(now)
user "$PATH_NO_MVN" "$A" sam build > "$WORK/build1.out" 2>&1
rc=$?; secs=$(since "$t0"); cat "$WORK/build1.out"
if [ "$rc" -eq 0 ]; then check_build "sam build (no mvn)" "$WORK/build1.out" "$A" "$secs" 1
else record FAIL "sam build (no mvn)" "exit $rc after $secs s"; fi

section "4. sam build --cached (the second run)"
t0=$(now)
user "$PATH_NO_MVN" "$A" sam build --cached > "$WORK/build2.out" 2>&1
rc=$?; secs=$(since "$t0"); cat "$WORK/build2.out"
if [ "$rc" -eq 0 ]; then check_build "sam build --cached (second run)" "$WORK/build2.out" "$A" "$secs" 0
else record FAIL "sam build --cached (second run)" "exit $rc after $secs s"; fi

section "5. Artifact check on .aws-sam/build"
if art=$(bash .ci/lib/check-artifacts.sh "$A/.aws-sam/build" "$SAM_VENV/bin/python"); then
  echo "$art"
  record PASS "artifacts" "$(grep -c '^PASS' <<<"$art") functions: $(grep '^PASS' <<<"$art" | head -1 | sed 's/^PASS  artifact [A-Za-z]* *//')"
  zipped=$(grep -m1 'zipped:' <<<"$art" | sed 's/ zipped:/:/')
  echo "DEPLOY: artifact $zipped"
else
  echo "$art"
  record FAIL "artifacts" "see above"
fi

if [ -n "$KEEP_BUILD" ] && [ -f "$A/.aws-sam/build/template.yaml" ]; then
  rm -rf "$KEEP_BUILD" && mkdir -p "$KEEP_BUILD" && cp -a "$A/.aws-sam/build/." "$KEEP_BUILD/" &&
    echo "kept this build for the later checks: $KEEP_BUILD"
fi

# ---------------------------------------------------------------------------------------------------------------
section "6. sam build with Debian's Maven on PATH (a fresh copy)"
if ! [ -x /usr/bin/mvn ]; then
  echo "installing Debian's maven"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi
mvn_version=$(user "$PATH_DEBIAN_MVN" "$ROOT" mvn -B -v 2>/dev/null | head -1 | sed "s/\x1b\[[0-9;]*m//g")
echo "mvn on PATH: $(user "$PATH_DEBIAN_MVN" "$ROOT" sh -c 'command -v mvn'): $mvn_version"
B="$WORK/clone-b"
stage "$B"
t0=$(now)
user "$PATH_DEBIAN_MVN" "$B" sam build > "$WORK/build3.out" 2>&1
rc=$?; secs=$(since "$t0"); cat "$WORK/build3.out"
if [ "$rc" -eq 0 ] && [ -n "$mvn_version" ]; then
  check_build "sam build (Debian ${mvn_version#Apache Maven })" "$WORK/build3.out" "$B" "$secs" 1
  bash .ci/lib/check-artifacts.sh "$B/.aws-sam/build" "$SAM_VENV/bin/python" >/dev/null &&
    record PASS "artifacts (Debian Maven build)" "as in step 5" || record FAIL "artifacts (Debian Maven build)" "see check-artifacts.sh"
else
  record FAIL "sam build (Debian Maven)" "exit $rc after $secs s; mvn: '$mvn_version'"
fi
rm -rf "$B"

# ---------------------------------------------------------------------------------------------------------------
# expect_no_credentials <name> <command...>: the command must fail, and for missing credentials only.
expect_no_credentials() {
  local name=$1; shift
  local out="$WORK/aws.out" rc
  user "$PATH_NO_MVN" "$A" "$@" > "$out" 2>&1 < /dev/null
  rc=$?
  tail -4 "$out"
  local other
  other=$(grep -E '^Error' "$out" | grep -v 'Unable to locate credentials' | head -2)
  if [ "$rc" -ne 0 ] && grep -q 'Unable to locate credentials' "$out" && [ -z "$other" ]; then
    record PASS "$name" "stops at 'Unable to locate credentials' (exit $rc), nothing before it failed"
  else
    record FAIL "$name" "exit $rc; $(grep -E 'Error|rror:' "$out" | head -2 | tr '\n' ' ')"
  fi
}

section "7. sam deploy --guided (defaults; 'y' to the no-authentication question; not saved)"
# Answers each prompt as docs/deploy.md says: Enter for every default, y to "CsvTestFunction has no authentication.
# Is this okay?", n to "Save arguments to configuration file" (so the copy's samconfig.toml stays as committed).
GUIDED_DRIVER=$(cat <<'PYEOF'
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
buf, seen, answered, deadline = b"", b"", 0, time.time() + 300
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    sys.stdout.buffer.write(chunk); sys.stdout.flush()
    buf += chunk
    text = buf.decode("utf-8", "replace")
    if text.rstrip().endswith(":") or text.rstrip().endswith("]:") :
        last = text.rstrip().splitlines()[-1] if text.strip() else ""
        answer = b"y\n" if "Is this okay?" in last else b"n\n" if "Save arguments to configuration file" in last else b"\n"
        os.write(fd, answer); answered += 1; buf = b""
_, status = os.waitpid(pid, 0)
print(f"\n[driver] answered {answered} prompts")
sys.exit(os.waitstatus_to_exitcode(status))
PYEOF
)
expect_no_credentials "sam deploy --guided" python3 -c "$GUIDED_DRIVER" sam deploy --guided

section "8. sam deploy --no-execute-changeset"
expect_no_credentials "sam deploy" sam deploy --no-execute-changeset

section "9. sam list stack-outputs --stack-name csv-test"
expect_no_credentials "sam list stack-outputs" sam list stack-outputs --stack-name csv-test

section "10. A parameter change: sam deploy --parameter-overrides MaxDelaySeconds=10"
expect_no_credentials "sam deploy (parameter change)" sam deploy --no-execute-changeset --parameter-overrides MaxDelaySeconds=10
if out=$(user "$PATH_NO_MVN" "$A" "$SAM_VENV/bin/python" "$ROOT/.ci/lib/version-on-change.py" template.yaml 2>&1); then
  echo "$out"
  record PASS "parameter change publishes a version" "$(grep -c '^PASS' <<<"$out") checks with SAM's translator"
else
  echo "$out"
  record FAIL "parameter change publishes a version" "$(grep '^FAIL' <<<"$out" | head -2 | tr '\n' ' ')"
fi
if out=$(user "$PATH_NO_MVN" "$A" "$SAM_VENV/bin/python" "$ROOT/.ci/lib/limits-check.py" \
           --template template.yaml --samconfig samconfig.toml 2>&1); then
  echo "$out"
  record PASS "throttle/delay/Timeout/quota rule" "template defaults and samconfig.toml"
else
  echo "$out"
  record FAIL "throttle/delay/Timeout/quota rule" "$(grep '^FAIL' <<<"$out" | head -2 | tr '\n' ' ')"
fi

section "11. sam delete --no-prompts"
expect_no_credentials "sam delete" sam delete --no-prompts

# ---------------------------------------------------------------------------------------------------------------
section "Deploy path: summary"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then
  echo "deploy path: FAILED" >&2
  exit 1
fi
echo "deploy path: all passed"
