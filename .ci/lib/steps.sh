# Sourced by .ci/run: runs each CI step bounded in time, shows and keeps its output, times it and records PASS or
# FAIL; runs the installs in the background; prints the closing summary and figures; and makes sure that no process
# this run started outlives it.
#
#   ci_init                          logs in $CI_LOGS (target/ci), marks every process of this run (CSV_TEST_CI_RUN)
#   ci_step NAME LIMIT CMD...        runs CMD (an executable, e.g. `bash script`), at most LIMIT seconds; its output is
#                                    shown and kept in $CI_LOGS/NAME.log; exit 0 = PASS, anything else = FAIL
#   ci_bg NAME LIMIT CMD...          the same in the background, output only to the log
#   ci_wait NAME                     waits for it, shows its log, records it (its own time and the time waited)
#   ci_summary                       the table of steps with their times, then the figures; returns 1 on any FAIL
#   ci_reap                          ends (TERM, then KILL) every process still carrying this run's mark, by pid
CI_LOGS=${CI_LOGS:-$PWD/target/ci}
declare -a CI_RESULTS=()        # "status|name|seconds|detail"
declare -A CI_BG_PID=()
CI_T0=0

ci_now() { date +%s.%N; }
ci_since() { awk -v a="$1" -v b="$(ci_now)" 'BEGIN { printf "%.0f", b - a }'; }
ci_load() { cut -d' ' -f1-3 /proc/loadavg; }
ci_clock() { date -u +%H:%M:%S; }

ci_init() {
  rm -rf "$CI_LOGS" && mkdir -p "$CI_LOGS"
  CI_T0=$(ci_now)
  # Every process started from here on inherits this variable: ci_reap finds what is left by it, and by nothing else.
  CSV_TEST_CI_RUN="$$-$(date +%s%N)"
  export CSV_TEST_CI_RUN
  # The load average every 10 s, for the summary (other work on the machine moves the timings).
  ( exec >/dev/null 2>&1; nap=
    trap 'kill "$nap" 2>/dev/null; exit 0' TERM   # its sleep ends with it
    while :; do echo "$(date +%s) $(ci_load)" >> "$CI_LOGS/load.txt"; sleep 10 & nap=$!; wait "$nap"; done ) &
  CI_LOAD_PID=$!
}

ci_record() { # ci_record STATUS NAME SECONDS DETAIL [LOAD]: LOAD, the 1-minute load average when it started
  CI_RESULTS+=("$1|$2|$3|$4|${5:-}")
}

ci_header() { printf '\n######## %s  [%s UTC, +%s s, load %s]\n' "$1" "$(ci_clock)" "$(ci_since "$CI_T0")" "$(ci_load)"; }

ci_step() {
  local name=$1 limit=$2 t0 rc secs detail
  shift 2
  ci_header "$name: $*"
  local load0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(ci_now)
  # Into the log file, shown from there while it runs: not through a pipe, which a process the step left running
  # (holding the pipe) would keep open, and the step with it.
  : > "$CI_LOGS/$name.log"
  timeout -k 30 "$limit" "$@" < /dev/null > "$CI_LOGS/$name.log" 2>&1 &
  local pid=$!
  tail -n +1 -s 0.5 -f --pid="$pid" "$CI_LOGS/$name.log"
  wait "$pid"
  rc=$?
  secs=$(ci_since "$t0")
  case $rc in
    0) ci_record PASS "$name" "$secs" "" "$load0" ;;
    124|137) ci_record FAIL "$name" "$secs" "timed out after $limit s" "$load0" ;;
    *) ci_record FAIL "$name" "$secs" "exit $rc" "$load0" ;;
  esac
  printf '######## %s: %s in %s s\n' "$name" "$([ $rc -eq 0 ] && echo PASS || echo "FAIL (exit $rc)")" "$secs"
  return $rc
}

ci_bg() {
  local name=$1 limit=$2
  shift 2
  printf '######## %s: started in the background: %s\n' "$name" "$*"
  (
    t0=$(ci_now)
    timeout -k 30 "$limit" "$@" < /dev/null > "$CI_LOGS/$name.log" 2>&1
    echo "$? $(ci_since "$t0")" > "$CI_LOGS/$name.rc"
  ) &
  CI_BG_PID[$name]=$!
}

ci_wait() {
  local name=$1 t0 rc secs waited
  t0=$(ci_now)
  wait "${CI_BG_PID[$name]}" 2>/dev/null
  waited=$(ci_since "$t0")
  read -r rc secs < "$CI_LOGS/$name.rc" 2>/dev/null || { rc=1; secs=?; }
  ci_header "$name (ran in the background)"
  cat "$CI_LOGS/$name.log"
  case $rc in
    0) ci_record PASS "$name" "$waited" "background: $secs s, waited $waited s" ;;
    124|137) ci_record FAIL "$name" "$waited" "background: timed out after $secs s" ;;
    *) ci_record FAIL "$name" "$waited" "background: exit $rc after $secs s" ;;
  esac
  printf '######## %s: %s, ran %s s, waited for %s s\n' "$name" "$([ "$rc" = 0 ] && echo PASS || echo "FAIL (exit $rc)")" "$secs" "$waited"
  unset "CI_BG_PID[$name]"
  return "$rc"
}

# The figure lines every step prints, in the order of the steps.
CI_FIGURES='^(TESTS|FAULTS|FAULTS-LOCAL|FUZZ|FRONTEND-FUZZ|SECRETS|SECOND-S3|SOAK|DEPLOY|SAM-LOCAL|CONFORMANCE|E2E|LEFTOVERS|mermaid):'

ci_summary() {
  local r status name secs detail load passed=0 failed=0 total max_load
  printf '\n==== Figures ====\n'
  for r in "${CI_RESULTS[@]}"; do
    IFS='|' read -r status name secs detail load <<<"$r"
    [ -f "$CI_LOGS/$name.log" ] || continue
    grep -hE "$CI_FIGURES" "$CI_LOGS/$name.log"
    # The PASS/FAIL summary of the scripts that print one: the lines after their "... summary ====" header.
    sed -n '/^==== .*[Ss]ummary ====$/,$p' "$CI_LOGS/$name.log" | grep -E '^(PASS|FAIL) ' | sed "s/^/$name: /"
  done
  printf '\n==== Steps (wall time; load: the 1-minute load average when the step started; the background ones ran while ./mvnw verify did) ====\n'
  for r in "${CI_RESULTS[@]}"; do
    IFS='|' read -r status name secs detail load <<<"$r"
    printf '%-4s  %-16s %6s s  %-10s %s\n' "$status" "$name" "$secs" "${load:+load $load}" "$detail"
    if [ "$status" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  total=$(ci_since "$CI_T0")
  max_load=$(awk '{ if ($2 > m) m = $2 } END { printf "%.2f", m }' "$CI_LOGS/load.txt" 2>/dev/null)
  printf 'total %s s (%d min %02d s) on %s cores; load average now %s, highest 1-minute value seen %s\n' \
    "$total" $((total / 60)) $((total % 60)) "$(nproc)" "$(ci_load)" "${max_load:-?}"
  echo "ci steps: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Every process that carries this run's mark and is neither the shell asking nor one of its ancestors.
ci_marked_pids() {
  local p keep=" " q
  q=$BASHPID
  while [ -n "$q" ] && [ "$q" != 0 ]; do keep+="$q "; q=$(awk '{ print $4 }' "/proc/$q/stat" 2>/dev/null); done
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    case "$keep" in *" $p "*) continue ;; esac
    grep -qxzF "CSV_TEST_CI_RUN=$CSV_TEST_CI_RUN" "/proc/$p/environ" 2>/dev/null && echo "$p"
  done
}

ci_reap() {
  local pids p i
  [ -n "${CI_LOAD_PID:-}" ] && { kill "$CI_LOAD_PID" 2>/dev/null; wait "$CI_LOAD_PID" 2>/dev/null; CI_LOAD_PID=; }
  pids=$(ci_marked_pids)
  if [ -z "$pids" ]; then
    [ "${1:-}" = quiet ] || echo "LEFTOVERS: 0 processes of this run outlived their step"
    return 0
  fi
  echo "LEFTOVERS: $(wc -w <<<"$pids") processes of this run still running; ending them:"
  for p in $pids; do echo "  pid $p: $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-160)"; done
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null
  for i in $(seq 1 40); do
    pids=$(for p in $pids; do kill -0 "$p" 2>/dev/null && echo "$p"; done)
    [ -z "$pids" ] && break
    sleep 0.25
  done
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
  return 1
}
