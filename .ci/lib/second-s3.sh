#!/usr/bin/env bash
# The handler's S3 integration tests (JUnit tag s3-integration: 200, cache and 304 revalidation, missing key and
# bucket, large objects, log fields) against a second, independent S3 implementation: LocalStack's S3
# (localstack-core 4.14.0, the last release that runs without an account token), started on the host from PyPI.
# Called by .ci/run after the main build; also runnable on its own:  bash .ci/lib/second-s3.sh
#   bash .ci/lib/second-s3.sh --prepare   only installs LocalStack's venv (.ci/run does it while the tests run)
# Prints "SECOND-S3: <implementation>, <n> tests, <failures> failures" and exits non-zero on a failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

LOCALSTACK_VERSION=4.14.0
VENV="$ROOT/.venv-ci/localstack"
PINS=("localstack-core[runtime]==$LOCALSTACK_VERSION" 'cbor2<6' 'cryptography==43.0.3' 'pyopenssl==24.2.1' 'service_identity==24.2.0')

# LocalStack 4.x needs Python >= 3.12 (it uses PEP 695 generics); take the newest interpreter that qualifies.
PYTHON=""
# (pyenv's shims exist for every installed version but only run the selected one, hence the direct paths too)
for candidate in python3.13 python3.12 python3 \
    $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    PYTHON=$(command -v "$candidate"); break
  fi
done
[ -n "$PYTHON" ] || { echo "SECOND-S3: LocalStack $LOCALSTACK_VERSION needs Python >= 3.12; none found" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.installed" 2>/dev/null)" != "${PINS[*]}" ] ||
   ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" &&
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}" &&
    echo "${PINS[*]}" > "$VENV/.installed" || { echo "SECOND-S3: could not install LocalStack from PyPI" >&2; exit 1; }
fi

if [ "${1:-}" = --prepare ]; then
  echo "LocalStack $LOCALSTACK_VERSION in $VENV ($("$VENV/bin/python" --version))"
  exit 0
fi

PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
STATE=$(mktemp -d)
LOG="$ROOT/target/localstack.log"
mkdir -p "$ROOT/target"
# Offline and minimal: S3 only, no DNS server, no usage events, state in a throw-away directory.
SERVICES=s3 GATEWAY_LISTEN="127.0.0.1:$PORT" LOCALSTACK_VOLUME_DIR="$STATE" DNS_DISABLED=1 DISABLE_EVENTS=1 \
  SKIP_SSL_CERT_DOWNLOAD=1 "$VENV/bin/python" -m localstack.runtime.main > "$LOG" 2>&1 &
LS_PID=$!
stop() { kill "$LS_PID" 2>/dev/null; wait "$LS_PID" 2>/dev/null; rm -rf "$STATE"; }
trap stop EXIT

ready=0
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/_localstack/health" 2>/dev/null | grep -q '"s3": *"\(available\|running\)"'; then
    ready=1; break
  fi
  kill -0 "$LS_PID" 2>/dev/null || break
  sleep 0.5
done
if [ "$ready" -ne 1 ]; then
  echo "SECOND-S3: LocalStack $LOCALSTACK_VERSION did not become ready; last log lines:" >&2
  tail -20 "$LOG" >&2
  exit 1
fi
echo "LocalStack $LOCALSTACK_VERSION S3 ready on 127.0.0.1:$PORT"

source .ci/lib/select-jdk.sh
REPORTS="$ROOT/target/surefire-reports"
rm -rf "$REPORTS" "$ROOT/target/second-s3-reports"
./mvnw -B -q test -pl :csv-test-function -am -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=s3-integration -Dcsvtest.s3.endpoint="http://127.0.0.1:$PORT"
rc=$?
cp -r "$REPORTS" "$ROOT/target/second-s3-reports" 2>/dev/null
echo "S3 calls LocalStack served: $(grep -c 'AWS s3\.' "$LOG")"
read -r tests failures <<<"$(cat "$REPORTS"/TEST-*.xml 2>/dev/null | python3 -c '
import re, sys
t = f = 0
for m in re.finditer(r"<testsuite [^>]*>", sys.stdin.read()):
    a = dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(0)))
    t += int(a.get("tests", 0)); f += int(a.get("failures", 0)) + int(a.get("errors", 0))
print(t, f)')"
echo "SECOND-S3: LocalStack $LOCALSTACK_VERSION S3, ${tests:-0} tests, ${failures:-?} failures"
exit $rc
