#!/usr/bin/env bash
# The conformance suite end to end: one request list (conformance/requests.json) sent to AWS's `sam local start-api`
# and to our local stack, both serving the same `sam build` output of template.yaml, and every difference checked
# against the adjudication table (conformance/adjudications.yaml) and the list of emulator fixes
# (conformance/fixes.yaml). docs/fidelity.md explains the verdicts.
#
#   bash .ci/lib/conformance.sh [--save DIR]     (--save: also copy the results there, e.g. docs/measurements/conformance)
#
# Steps: .ci/lib/sam-docker.sh up (our dockerd, the offline java21 image, the pinned SAM CLI; reused when built or
# running); ./mvnw install and `sam build` (sl_build: skipped when JARS_BUILT=1 and SAM_BUILT_DIR name what .ci/run
# already built); moto's S3 on the Docker bridge for sam local (the local stack uses its
# embedded S3, seeded by the template's custom resource); sam local start-api (samconfig's mode: no warm containers),
# the suite, stop; the local stack, the suite, stop; compare.
# Both get --parameter-overrides Architecture=<host> ExtraAllowedOrigin=http://127.0.0.1:3000.
#
# Prints CONFORMANCE: lines (setup times, requests, differences found, fixed, adjudicated, un-adjudicated, runtime)
# and exits non-zero on an un-adjudicated difference, a regressed fix or any failed step. Results:
# target/conformance/{sam,local,result}.json and result.md. Its EXIT trap stops every process it started, removes the
# Lambda containers sam created, and stops dockerd if it started it.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SAVE=
case "${1:-}" in
  --save) SAVE=${2:?--save needs a folder} ;;
  "") ;;
  *) echo "usage: $0 [--save DIR]" >&2; exit 2 ;;
esac
OUT="$ROOT/target/conformance"
SL_LOGS="$OUT/logs"
rm -rf "$OUT" && mkdir -p "$SL_LOGS"
T_START=$(date +%s.%N)

# shellcheck source=sam-local-stack.sh
source .ci/lib/sam-local-stack.sh
section() { printf '\n==== %s ====\n' "$*"; }
fail() { # fail <step> <why>
  echo "CONFORMANCE: FAILED at $1: $2"
  echo "CONFORMANCE: runtime $(sl_since "$T_START") s"
  exit 1
}
trap sl_cleanup EXIT
trap 'exit 130' INT TERM

section "The suite's own unit tests (conformance/test_conformance.py)"
PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s conformance -p 'test_*.py' 2>&1 | tail -3
[ "${PIPESTATUS[0]}" -eq 0 ] || fail self-test "conformance/test_conformance.py failed"

section "Docker engine, java21 base image, SAM CLI (.ci/lib/sam-docker.sh)"
sl_setup_docker || fail setup "sam-docker.sh up (see the sam-docker line above)"

section "Build: ./mvnw install, sam build (or what .ci/run built)"
sl_build || fail build "see above"

section "sam local's S3: moto on the Docker bridge"
sl_start_s3 || fail s3 "see above"

PY=python3
export PYTHONDONTWRITEBYTECODE=1
# send_request_list NAME URL STARTED_SECONDS SERVER AGAINST: the request list to one running server, its answers in
# $OUT/NAME.json; sets LIST_SECONDS. NAME (sam, local) is the step and the suite's name; SERVER and AGAINST name the
# server in the progress line and in the failure. sam local and the local stack go through the very same steps, so
# their results compare.
send_request_list() {
  local name=$1 url=$2 started=$3 server=$4 against=$5 t0
  echo "$server answering at $url after $started s"
  t0=$(sl_now)
  "$PY" conformance/conformance.py send --name "$name" --base "$url" --out "$OUT/$name.json" --csv-file "$SL_CSV_FILE" ||
    fail "$name" "the suite could not run against $against"
  LIST_SECONDS=$(sl_since "$t0")
}

section "sam local start-api (samconfig's mode: no warm containers): the request list"
sl_start_sam conformance || fail sam "sam local start-api did not start"
send_request_list sam "$SL_SAM_URL" "$SL_SAM_START_SECONDS" "sam local start-api" "sam local"
SAM_SECONDS=$LIST_SECONDS
sl_stop_sam

section "The local stack (java -jar local-stack/target/local-stack.jar start-api): the request list"
sl_start_local conformance || fail local "the local stack did not start"
send_request_list local "$SL_LOCAL_URL" "$SL_LOCAL_START_SECONDS" "local stack" "the local stack"
LOCAL_SECONDS=$LIST_SECONDS
sl_stop_local

section "Compare"
for line in "${SL_TIMINGS[@]}"; do
  read -r step s detail <<<"$line"
  printf 'CONFORMANCE: setup %-16s %6s s  %s\n' "$step" "$s" "$detail"
done
echo "CONFORMANCE: sam local start-api: started in $SL_SAM_START_SECONDS s, request list in $SAM_SECONDS s"
echo "CONFORMANCE: local stack: started in $SL_LOCAL_START_SECONDS s, request list in $LOCAL_SECONDS s"
echo "CONFORMANCE: machine load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$PY" conformance/conformance.py compare --sam "$OUT/sam.json" --local "$OUT/local.json" \
  --json "$OUT/result.json" --markdown "$OUT/result.md"
rc=$?
echo "CONFORMANCE: result: $OUT/result.md ($OUT/result.json)"
if [ -n "$SAVE" ]; then
  mkdir -p "$SAVE" && cp "$OUT/result.md" "$OUT/result.json" "$OUT/sam.json" "$OUT/local.json" "$SAVE/" &&
    echo "CONFORMANCE: results copied to $SAVE"
fi
echo "CONFORMANCE: runtime $(sl_since "$T_START") s"
[ $rc -eq 0 ] || echo "CONFORMANCE: FAILED: differences without a verdict (or a regressed fix); see above"
exit $rc
