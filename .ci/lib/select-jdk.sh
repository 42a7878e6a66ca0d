# Sourced: exports JAVA_HOME pointing at a JDK >= 21 (Lambda's runtime is java21; we build with release 21).
# Prefers an already-set JAVA_HOME, then the newest JDK under /usr/lib/jvm. Fails with a clear message otherwise.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

pick_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME")
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ "${major%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME=$(pick_jdk); then
  echo "error: csv-test needs a JDK >= 21 (found none in JAVA_HOME or /usr/lib/jvm)." >&2
  echo "       Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
