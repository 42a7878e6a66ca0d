#!/usr/bin/env bash
# Offline checks of the deployment: AWS's own tools on template.yaml, then the documented `sam build` (the
# Makefile) and a check of the built functions (.ci/lib/check-artifacts.sh). Called by .ci/run after the tests; also runnable on its own:
#   bash .ci/lib/template-checks.sh
# With SAM_BUILT_DIR set to the output of a `sam build` of this template made from a fresh copy (.ci/run passes the
# one deploy-path.sh made, its step 3), the artifact check runs on that output instead of building a second time.
# Installs its tools itself (pinned, from PyPI) into .venv-ci/ (gitignored); a second run reuses them.
# Needs no AWS credentials and no network beyond PyPI and Maven Central. Exits non-zero if any check fails,
# after running all of them and printing one summary line per check.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

source .ci/lib/sam-venv.sh   # the pinned versions, make_sam_venv, make_checkov_venv

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
   make_checkov_venv "$CHECKOV_VENV"; then
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
# One run: the findings on the console, the counts in a JSON file.
checkov_dir=$(mktemp -d)
checkov_json="$checkov_dir/checkov.json"
"$CHECKOV_VENV/bin/checkov" -f template.yaml --framework cloudformation --skip-download --compact --quiet \
  -o cli -o json --output-file-path "console,$checkov_json"
checkov_rc=$?
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
rm -rf "$checkov_dir"
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
section "sam build, as docs/deploy.md gives it, on a copy of the project"
# The documented command, run where a user runs it: a copy of the files git knows (tracked, plus
# untracked-but-not-ignored), i.e. what a fresh clone holds, without this tree's .venv-ci/, target/ or node_modules/.
# samconfig.toml supplies the options (build_in_source); the Makefile runs ./mvnw, whatever `mvn` is on PATH.
STAGE=$(mktemp -d)
if [ -n "${SAM_BUILT_DIR:-}" ] && [ -f "$SAM_BUILT_DIR/template.yaml" ]; then
  BUILD_OUT="$SAM_BUILT_DIR"
  echo "not building again: checking the output of the same command on a fresh copy, $SAM_BUILT_DIR (SAM_BUILT_DIR)"
  record PASS "sam build" "built once by deploy-path.sh (its step 3, timed there), output in $SAM_BUILT_DIR"
  built=1
else
  BUILD_OUT="$STAGE/.aws-sam/build"
  command -v make >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make >/dev/null; }
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xf - -C "$STAGE"
  t0=$(date +%s)
  if (cd "$STAGE" && "$SAM" build); then
    record PASS "sam build" "$(seconds_since "$t0") s (Makefile: ./mvnw, function module only, no tests)"
    built=1
  else
    record FAIL "sam build" "see the output above ($(seconds_since "$t0") s)"
    built=0
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
section "Built functions: handler class, runtime jars, no test/dev jars, zipped size"
if [ "$built" -eq 1 ]; then
  artifact_out=$(bash .ci/lib/check-artifacts.sh "$BUILD_OUT" "$SAM_VENV/bin/python")
  echo "$artifact_out" | grep -vE '^(PASS|FAIL)  '
  while IFS= read -r line; do
    status=${line%% *}; rest=${line#"$status"}; rest=${rest#"${rest%%[! ]*}"}
    name=$(awk '{print $1, $2}' <<<"$rest"); detail=${rest#"$name"}; detail=${detail#"${detail%%[! ]*}"}
    record "$status" "$name" "$detail"
  done < <(grep -E '^(PASS|FAIL)  ' <<<"$artifact_out")
else
  record FAIL "artifact" "not checked: sam build failed"
fi
rm -rf "$STAGE"

# ---------------------------------------------------------------------------------------------------------------
section "Template checks: summary"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then
  echo "template checks: FAILED" >&2
  exit 1
fi
echo "template checks: all passed"
