#!/usr/bin/env bash
# CI step: the load tool against a live server and the demo page in headless Chromium.
# Installs what it needs itself (Debian chromium, npm packages pinned in e2e/package-lock.json), then runs e2e/run.sh,
# which starts the local stack, runs the load tool at N=50, delay=1, --max-ratio 1.5, and the page test
# (node --test). The screenshot lands in target/e2e/demo.png.
# Prints "E2E: load tool N=50 ...: wall/delay R (limit 1.5), page test: N passed, N failed" and exits non-zero if
# either failed.
set -uo pipefail
cd "$(dirname "$0")/../.."

printf '\n==== %s ====\n' "Proof: load tool at N=50 and the demo page in headless Chromium"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version
command -v npm >/dev/null || { echo "error: npm is needed for the page test (playwright-core)" >&2; exit 1; }
# npm ci unless node_modules already holds exactly the lockfile's packages (.ci/lib/prepare.sh node ran it).
if ! cmp -s <(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))["packages"]))' e2e/package-lock.json 2>/dev/null) \
           <(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))["packages"]))' e2e/node_modules/.package-lock.json 2>/dev/null); then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p target/e2e && rm -f target/e2e/load-n50.json
LOAD_CHECK=1 bash e2e/run.sh 2>&1 | tee target/e2e.log
rc=${PIPESTATUS[0]}

load=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("load tool N=%d delay=%gs: %d ok, %d failed, wall %.2f s, wall/delay %.3f (limit %g)"
      % (d["requests"], d["delaySeconds"], d["ok"], d["failed"], d["wallSeconds"], d["ratio"], d["maxRatio"]))
' target/e2e/load-n50.json 2>/dev/null || echo "load tool: no result")
page=$(awk '/^(# |ℹ )pass /{p=$3} /^(# |ℹ )fail /{f=$3} END { if (p == "") print "page test: not run"; else printf "page test: %d passed, %d failed", p, f }' target/e2e.log)
echo "E2E: $load; $page (load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
exit "$rc"
