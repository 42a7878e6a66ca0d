#!/usr/bin/env bash
# CI helper for issue 5 (proof): the load tool against a live server and the demo page in headless Chromium.
# Installs what it needs itself (Debian chromium, npm packages pinned in e2e/package-lock.json), then runs e2e/run.sh,
# which starts the local stack (or the bare sleep server until the local stack exists), runs the load tool at N=50,
# delay=1, --max-ratio 1.5, and the page test (node --test). The screenshot lands in target/e2e/demo.png.
set -euo pipefail
cd "$(dirname "$0")/../.."

printf '\n==== %s ====\n' "Proof: load tool at N=50 and the demo page in headless Chromium"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
command -v npm >/dev/null || { echo "error: npm is needed for the page test (playwright-core)" >&2; exit 1; }
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LOAD_CHECK=1 bash e2e/run.sh
