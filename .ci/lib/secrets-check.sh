#!/usr/bin/env bash
# Fails if the repository holds an AWS account id, an access key id or a secret-looking value.
# Scans every file git would commit (tracked, plus untracked files that are not ignored); binary files are skipped.
#   bash .ci/lib/secrets-check.sh              scan the repository
#   bash .ci/lib/secrets-check.sh --self-test  plant one of each finding in a scratch repo and expect all found
# Prints "SECRETS: <files> files scanned, <n> findings".
set -uo pipefail

# Documented placeholder account ids (AWS docs, LocalStack): not real accounts.
ALLOWED_ACCOUNTS='^(000000000000|123456789012|111122223333|444455556666)$'

scan() { # scan <dir>: prints findings as "file:line: kind: excerpt", returns the count in $FINDINGS
  local dir=$1 files
  FINDINGS=0
  FILES=0
  local report
  report=$(mktemp)
  (
    cd "$dir" || exit 1
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
      [ -f "$f" ] || continue
      echo "$f"
    done
  ) > "$report.files"
  FILES=$(wc -l < "$report.files")
  while IFS= read -r f; do
    local path="$dir/$f"
    # 12-digit account ids inside ARNs, or as an account id field ("accountId": "...", AccountId=..., account_id: ...)
    grep -InoE 'arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:[0-9]{12}:|[Aa]ccount_?[Ii]d"?[[:space:]]*[:=][[:space:]]*"?[0-9]{12}' "$path" 2>/dev/null |
      while IFS= read -r hit; do
        local id
        id=$(grep -oE '[0-9]{12}' <<<"${hit#*:}" | head -1)
        [[ "$id" =~ $ALLOWED_ACCOUNTS ]] || echo "$f:${hit%%:*}: AWS account id: $id"
      done
    # Access key ids (long-term AKIA, temporary ASIA)
    grep -InoE '\b(AKIA|ASIA)[0-9A-Z]{16}\b' "$path" 2>/dev/null | sed "s|^|$f:|; s|:\([^:]*\)$|: access key id: \1|"
    # Secret access keys: a 40-character base64 value next to a secret-ish name
    grep -InoiE '(secret_?access_?key|secretkey|aws_secret)[[:space:]"'"'"':=]{1,6}[A-Za-z0-9/+=]{40}\b' "$path" 2>/dev/null |
      sed "s|^|$f:|; s|:\([0-9]*\):.*|:\1: secret access key|"
    # Private keys and well-known token formats
    grep -InoE -- '-----BEGIN ([A-Z]+ )?PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bxox[abpr]-[A-Za-z0-9-]{10,}' "$path" 2>/dev/null |
      sed "s|^|$f:|; s|:\([0-9]*\):.*|:\1: private key or token|"
  done < "$report.files" > "$report"
  FINDINGS=$(grep -c . "$report")
  cat "$report"
  rm -f "$report" "$report.files"
}

if [ "${1:-}" = "--self-test" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  git -C "$scratch" init -q
  k="AKIA""QWERTYUIOPASDFGH"
  {
    echo "role: arn:aws:iam::98765432""1098:role/x"
    echo "id: $k"
    echo "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY""ZZZZZZZZZZ"
    echo "ok: arn:aws:lambda:us-east-1:123456789012:function:placeholder"
  } > "$scratch/planted.txt"
  scan "$scratch" > /dev/null   # the planted values themselves are not printed
  if [ "$FINDINGS" -eq 3 ]; then echo "secrets-check self-test: passed (3 of 3 planted findings, placeholder ignored)"; exit 0; fi
  echo "secrets-check self-test: FAILED (expected 3 findings, got $FINDINGS)" >&2
  exit 1
fi

cd "$(dirname "$0")/../.."
scan "$(pwd)"
echo "SECRETS: $FILES files scanned, $FINDINGS findings"
[ "$FINDINGS" -eq 0 ]
