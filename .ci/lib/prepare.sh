#!/usr/bin/env bash
# Installs what the CI steps need. .ci/run starts the three parts in the background while ./mvnw -B verify runs
# (they are mostly downloads and unpacking, the tests mostly one core); each part also runs on its own:
#   bash .ci/lib/prepare.sh system   Debian's packages the steps use (one apt-get transaction, only what is missing),
#                                    then .ci/lib/sam-docker.sh up: our dockerd, the java21 base image built offline,
#                                    the SAM CLI venv. It leaves dockerd running: `sam-docker.sh down` stops it.
#   bash .ci/lib/prepare.sh python   the checkov, moto and LocalStack venvs (.venv-ci/, pins in sam-venv.sh and
#                                    second-s3.sh)
#   bash .ci/lib/prepare.sh node     npm ci in e2e/ and docs/tools/ (Debian's chromium: no browser download)
# Everything already installed is reused. Prints "prepare: <part> <what> <seconds> s" per step; exits non-zero if a
# step failed (the step that needs it then tries again on its own, and reports).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

# Debian packages: chromium (the page test, the Mermaid render), the Docker engine and debootstrap (sam-docker.sh),
# make (sam build runs the Makefile), maven (deploy-path.sh's build with Debian's Maven on PATH), zip (the artifact
# check), bc and iproute2 (the soak), curl.
PACKAGES=(chromium docker.io containerd runc iptables debootstrap make maven zip bc iproute2 curl)

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
FAILED=0
# timed <what> <command...>: runs it, prints one line with its time; output only when it fails
timed() {
  local what=$1 t0 out rc
  shift
  t0=$(now)
  out=$("$@" 2>&1)
  rc=$?
  if [ $rc -eq 0 ]; then
    printf 'prepare: %-8s %-28s %6s s  %s\n' "$PART" "$what" "$(since "$t0")" "$(tail -1 <<<"$out")"
  else
    printf '%s\n' "$out" | tail -20
    printf 'prepare: %-8s %-28s %6s s  FAILED (exit %s)\n' "$PART" "$what" "$(since "$t0")" "$rc"
    FAILED=1
  fi
  return $rc
}

apt_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "all ${#PACKAGES[@]} present"
    return 0
  fi
  apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null &&
    echo "installed ${missing[*]}"
}

npm_ci() { # npm_ci <dir>
  (cd "$1" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) &&
    echo "$(find "$1/node_modules" -maxdepth 1 -mindepth 1 | wc -l) packages in $1/node_modules"
}

PART=${1:-}
case "$PART" in
  system)
    timed "Debian packages" apt_packages
    # sam-docker.sh prints its own timed lines; its failure line names the step.
    t0=$(now)
    if bash .ci/lib/sam-docker.sh up; then
      printf 'prepare: %-8s %-28s %6s s\n' system "sam-docker.sh up" "$(since "$t0")"
    else
      printf 'prepare: %-8s %-28s %6s s  FAILED\n' system "sam-docker.sh up" "$(since "$t0")"
      FAILED=1
    fi
    ;;
  python)
    source .ci/lib/sam-venv.sh
    timed "checkov venv" make_checkov_venv "$ROOT/.venv-ci/checkov"
    timed "moto venv" make_moto_venv "$ROOT/.venv-ci/moto"
    timed "LocalStack venv" bash .ci/lib/second-s3.sh --prepare
    ;;
  node)
    command -v npm >/dev/null || { echo "prepare: node: npm is not installed" >&2; exit 1; }
    timed "npm ci e2e" npm_ci e2e
    timed "npm ci docs/tools" npm_ci docs/tools
    ;;
  *)
    echo "usage: $0 system|python|node" >&2
    exit 2
    ;;
esac
exit $FAILED
