#!/usr/bin/env bash
# A private Docker engine and the Lambda java21 base image for `sam local`, offline (no container registry).
#
#   bash .ci/lib/sam-docker.sh up       # install, start dockerd, build the image, install SAM; prints DOCKER_HOST
#   bash .ci/lib/sam-docker.sh status   # is our dockerd running; which images it has
#   bash .ci/lib/sam-docker.sh down     # remove SAM's containers, stop our dockerd (by its own pid)
#
# Or sourced by a caller (which then owns the lifecycle and must call sam_docker_down from an EXIT trap):
#   source .ci/lib/sam-docker.sh && sam_docker_up   # exports DOCKER_HOST, SAM, SAM_DOCKER_ARCH, SAM_DOCKER_GATEWAY
#
# What `up` does, each step timed (built, or reused from a previous run):
#   packages  apt-get install docker.io containerd runc iptables debootstrap (only what is missing)
#   engine    dockerd --data-root $SAM_DOCKER_ROOT/data with its own pidfile and socket; checks overlay2
#   rootfs    debootstrap --variant=minbase --include=openjdk-21-jre-headless trixie, as a tarball in the cache
#   runtime   the Lambda Runtime Interface Client jars from Maven Central (docker/lambda-java21/ric-pom.xml)
#   image     docker build docker/lambda-java21 -> public.ecr.aws/lambda/java:21-<arch>, the name SAM looks for
#   sam       the pinned aws-sam-cli venv in .venv-ci/sam (shared with template-checks.sh)
# Everything lives under $SAM_DOCKER_ROOT (default /var/lib/csv-test-docker, outside the work tree so a fresh clone
# on the same machine reuses the image); deleting that folder starts from scratch. On failure it prints one line,
#   sam-docker: FAILED at <step>: <why>
# and exits (or returns, when sourced) non-zero.

_sam_docker_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

SAM_DOCKER_ROOT=${SAM_DOCKER_ROOT:-/var/lib/csv-test-docker}
SAM_DOCKER_SUITE=trixie                 # bookworm has no OpenJDK 21; trixie's openjdk-21-jre-headless is 21.0.x
SAM_DOCKER_MIN_FREE_MB=4096             # rootfs (~0.5 GB), its tarball, the image layers and SAM's rapid image
_sam_docker_run="$SAM_DOCKER_ROOT/run"
_sam_docker_pidfile="$_sam_docker_run/dockerd.pid"
_sam_docker_log="$SAM_DOCKER_ROOT/logs"
export DOCKER_HOST="unix://$_sam_docker_run/docker.sock"
export SAM="$_sam_docker_repo/.venv-ci/sam/bin/sam"
export SAM_CLI_TELEMETRY=0

case "$(uname -m)" in
  x86_64) SAM_DOCKER_ARCH=x86_64; _sam_docker_debarch=amd64 ;;
  aarch64|arm64) SAM_DOCKER_ARCH=arm64; _sam_docker_debarch=arm64 ;;
  *) SAM_DOCKER_ARCH=unsupported; _sam_docker_debarch=unsupported ;;
esac
export SAM_DOCKER_ARCH
SAM_DOCKER_IMAGE="public.ecr.aws/lambda/java:21-$SAM_DOCKER_ARCH"
SAM_DOCKER_TIMINGS=()                   # "step seconds built|reused" per step of the last `up`

_sam_docker_fail() { # _sam_docker_fail <step> <why>
  echo "sam-docker: FAILED at $1: $2" >&2
  return 1
}
_sam_docker_step() { # _sam_docker_step <step> <t0> <built|reused|...>
  local s
  s=$(awk -v a="$2" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  SAM_DOCKER_TIMINGS+=("$1 $s $3")
  printf 'sam-docker: %-8s %6s s  (%s)\n' "$1" "$s" "$3"
}
_sam_docker_pid() { # the pid of our dockerd if it is alive
  local pid
  pid=$(cat "$_sam_docker_pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] && echo "$pid"
}
_sam_docker_ready() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# --------------------------------------------------------------------------------------------------------------------
_sam_docker_packages() {
  local t0 missing=()
  t0=$(date +%s.%N)
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if [ ${#missing[@]} -eq 0 ]; then
    command -v docker >/dev/null || _sam_docker_fail packages "no docker client on PATH" || return 1
    _sam_docker_step packages "$t0" reused
    return 0
  fi
  mkdir -p "$_sam_docker_log"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    > "$_sam_docker_log/apt.log" 2>&1 ||
    { _sam_docker_fail packages "apt-get install ${missing[*]} failed: $(grep -E '^(E|W):' "$_sam_docker_log/apt.log" | tail -1) (log: $_sam_docker_log/apt.log)"; return 1; }
  _sam_docker_step packages "$t0" "installed ${missing[*]}"
}

# --------------------------------------------------------------------------------------------------------------------
_sam_docker_engine() {
  local t0 free_mb driver pid
  t0=$(date +%s.%N)
  if pid=$(_sam_docker_pid) && _sam_docker_ready; then
    _sam_docker_step engine "$t0" "reused running dockerd pid $pid"
    return 0
  fi
  [ "$SAM_DOCKER_ARCH" != unsupported ] || { _sam_docker_fail engine "unsupported machine architecture $(uname -m)"; return 1; }
  [ "$(id -u)" = 0 ] || { _sam_docker_fail engine "dockerd needs root (running as uid $(id -u))"; return 1; }
  grep -qw overlay /proc/filesystems ||
    { _sam_docker_fail engine "the kernel has no overlay filesystem (not in /proc/filesystems): dockerd's overlay2 driver cannot work"; return 1; }
  mkdir -p "$SAM_DOCKER_ROOT/data" "$SAM_DOCKER_ROOT/exec" "$_sam_docker_run" "$_sam_docker_log" ||
    { _sam_docker_fail engine "cannot create $SAM_DOCKER_ROOT"; return 1; }
  free_mb=$(df -Pm "$SAM_DOCKER_ROOT" | awk 'NR == 2 { print $4 }')
  [ "${free_mb:-0}" -ge "$SAM_DOCKER_MIN_FREE_MB" ] ||
    { _sam_docker_fail engine "only ${free_mb:-0} MB free under $SAM_DOCKER_ROOT, need $SAM_DOCKER_MIN_FREE_MB MB"; return 1; }
  rm -f "$_sam_docker_run/docker.sock" "$_sam_docker_pidfile"
  # Our own daemon: own data root, exec root, pidfile and socket; overlay2 forced (no silent fallback to vfs).
  # setsid: it is not in the caller's process group, so a Ctrl-C there does not kill it half-way; `down` stops it.
  setsid dockerd --data-root "$SAM_DOCKER_ROOT/data" --exec-root "$SAM_DOCKER_ROOT/exec" \
    --pidfile "$_sam_docker_pidfile" -H "$DOCKER_HOST" --storage-driver overlay2 \
    > "$_sam_docker_log/dockerd.log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 120); do
    _sam_docker_ready && break
    if ! kill -0 $! 2>/dev/null; then
      _sam_docker_fail engine "dockerd exited: $(grep -E 'level=(fatal|error)|failed to start' "$_sam_docker_log/dockerd.log" | tail -1 | sed 's/.*msg="\([^"]*\)".*/\1/') (log: $_sam_docker_log/dockerd.log)"
      return 1
    fi
    sleep 0.25
  done
  _sam_docker_ready || { _sam_docker_fail engine "dockerd did not answer on $DOCKER_HOST within 30 s (log: $_sam_docker_log/dockerd.log)"; return 1; }
  driver=$(docker info --format '{{.Driver}}' 2>/dev/null)
  [ "$driver" = overlay2 ] || { _sam_docker_fail engine "storage driver is '$driver', not overlay2"; return 1; }
  _sam_docker_step engine "$t0" "started dockerd pid $(_sam_docker_pid), $(docker version --format '{{.Server.Version}}')"
}

# The gateway of the default bridge: the host address containers reach the host's servers on.
_sam_docker_gateway() {
  docker network inspect bridge --format '{{range .IPAM.Config}}{{.Gateway}}{{end}}' 2>/dev/null
}

# --------------------------------------------------------------------------------------------------------------------
# Debian's mirror from the machine's own apt sources (deb822 or one-line format), for debootstrap.
_sam_docker_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' |
        grep -E '/debian/?$' | head -1)
  [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' | grep -E '/debian/?$' | head -1)
  echo "${uri:-http://deb.debian.org/debian}"
}

_sam_docker_rootfs() {
  local t0 tarball stamp want dir mirror
  t0=$(date +%s.%N)
  tarball="$SAM_DOCKER_ROOT/cache/rootfs-$SAM_DOCKER_ARCH.tar"
  stamp="$tarball.stamp"
  want="debootstrap --arch=$_sam_docker_debarch --variant=minbase --include=openjdk-21-jre-headless $SAM_DOCKER_SUITE"
  if [ -s "$tarball" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    _sam_docker_step rootfs "$t0" "reused $(du -m "$tarball" | cut -f1) MB tarball"
    return 0
  fi
  mkdir -p "$SAM_DOCKER_ROOT/cache"
  dir="$SAM_DOCKER_ROOT/cache/rootfs-$SAM_DOCKER_ARCH.d"
  rm -rf "$dir" "$tarball" "$stamp"
  mirror=$(_sam_docker_mirror)
  # shellcheck disable=SC2086
  if ! $want "$dir" "$mirror" > "$_sam_docker_log/debootstrap.log" 2>&1; then
    _sam_docker_fail rootfs "debootstrap $SAM_DOCKER_SUITE from $mirror failed: $(grep -E '^E:|^W: Failure' "$_sam_docker_log/debootstrap.log" | tail -1) (log: $_sam_docker_log/debootstrap.log)"
    rm -rf "$dir"
    return 1
  fi
  # Package caches, apt lists and docs are not needed in the image (about 150 MB).
  tar -C "$dir" --exclude='./var/cache/apt/archives/*.deb' --exclude='./var/lib/apt/lists/*' \
      --exclude=./usr/share/doc --exclude=./usr/share/man -cf "$tarball.tmp" . &&
    mv "$tarball.tmp" "$tarball" && echo "$want" > "$stamp" ||
    { _sam_docker_fail rootfs "could not write $tarball"; rm -rf "$dir" "$tarball.tmp"; return 1; }
  rm -rf "$dir"
  _sam_docker_step rootfs "$t0" "debootstrap from $mirror, $(du -m "$tarball" | cut -f1) MB tarball"
}

# --------------------------------------------------------------------------------------------------------------------
_sam_docker_runtime() {
  local t0 lib pom stamp want
  t0=$(date +%s.%N)
  lib="$SAM_DOCKER_ROOT/cache/runtime-lib"
  pom="$_sam_docker_repo/docker/lambda-java21/ric-pom.xml"
  stamp="$lib/.stamp"
  want=$(sha256sum < "$pom" | cut -c1-16)
  if ls "$lib"/aws-lambda-java-runtime-interface-client-*.jar >/dev/null 2>&1 && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    _sam_docker_step runtime "$t0" "reused $(ls "$lib"/*.jar | wc -l) jars"
    return 0
  fi
  rm -rf "$lib" && mkdir -p "$lib"
  # Any JDK runs Maven here; the wrapper pins Maven itself. -f: a standalone pom, not the project's build.
  if ! ( [ -n "${JAVA_HOME:-}" ] || source "$_sam_docker_repo/.ci/lib/select-jdk.sh"
         "$_sam_docker_repo/mvnw" -B -q -f "$pom" \
           org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
           -DincludeScope=runtime -DoutputDirectory="$lib" ) > "$_sam_docker_log/runtime.log" 2>&1; then
    _sam_docker_fail runtime "Maven could not fetch the Runtime Interface Client: $(grep -m1 -E 'ERROR' "$_sam_docker_log/runtime.log") (log: $_sam_docker_log/runtime.log)"
    return 1
  fi
  echo "$want" > "$stamp"
  _sam_docker_step runtime "$t0" "$(ls "$lib"/*.jar | wc -l) jars from Maven Central"
}

# --------------------------------------------------------------------------------------------------------------------
_sam_docker_image() {
  local t0 hash have ctx platform
  t0=$(date +%s.%N)
  hash=$(cat "$_sam_docker_repo/docker/lambda-java21/Dockerfile" "$_sam_docker_repo/docker/lambda-java21/bootstrap" \
             "$SAM_DOCKER_ROOT/cache/rootfs-$SAM_DOCKER_ARCH.tar.stamp" "$SAM_DOCKER_ROOT/cache/runtime-lib/.stamp" |
         sha256sum | cut -c1-16)
  have=$(docker image inspect "$SAM_DOCKER_IMAGE" --format '{{index .Config.Labels "dev.csvtest.image-hash"}}' 2>/dev/null)
  if [ "$have" = "$hash" ]; then
    _sam_docker_step image "$t0" "reused $SAM_DOCKER_IMAGE"
    return 0
  fi
  ctx="$SAM_DOCKER_ROOT/cache/context-$SAM_DOCKER_ARCH"
  rm -rf "$ctx" && mkdir -p "$ctx/lib" &&
    cp "$_sam_docker_repo/docker/lambda-java21/Dockerfile" "$_sam_docker_repo/docker/lambda-java21/bootstrap" "$ctx/" &&
    ln "$SAM_DOCKER_ROOT/cache/rootfs-$SAM_DOCKER_ARCH.tar" "$ctx/rootfs.tar" &&
    cp "$SAM_DOCKER_ROOT/cache/runtime-lib/"*.jar "$ctx/lib/" ||
    { _sam_docker_fail image "could not stage the build context in $ctx"; return 1; }
  platform=linux/amd64; [ "$SAM_DOCKER_ARCH" = arm64 ] && platform=linux/arm64
  if ! DOCKER_BUILDKIT=0 docker build --platform "$platform" --label "dev.csvtest.image-hash=$hash" \
         -t "$SAM_DOCKER_IMAGE" "$ctx" > "$_sam_docker_log/image.log" 2>&1; then
    _sam_docker_fail image "docker build failed: $(grep -vE '^ *$|DEPRECATED|buildx|BuildKit' "$_sam_docker_log/image.log" | tail -1) (log: $_sam_docker_log/image.log)"
    rm -rf "$ctx"
    return 1
  fi
  rm -rf "$ctx"
  # SAM layers its emulator on the base once (`21-rapid-<arch>`) and, with --skip-pull-image, keeps using that
  # image even when the base changed: drop it so the next `sam local` rebuilds it on the new base.
  docker rmi -f "public.ecr.aws/lambda/java:21-rapid-$SAM_DOCKER_ARCH" >/dev/null 2>&1
  docker image prune -f >/dev/null 2>&1
  _sam_docker_step image "$t0" "built $SAM_DOCKER_IMAGE ($(docker image inspect "$SAM_DOCKER_IMAGE" --format '{{.Size}}' | awk '{ printf "%d MB", $1 / 1048576 }'))"
}

# --------------------------------------------------------------------------------------------------------------------
_sam_docker_sam() {
  local t0 out
  t0=$(date +%s.%N)
  # shellcheck source=sam-venv.sh
  source "$_sam_docker_repo/.ci/lib/sam-venv.sh"
  mkdir -p "$_sam_docker_log"
  if ! out=$(make_sam_venv "$_sam_docker_repo/.venv-ci/sam" 2> "$_sam_docker_log/pip.log"); then
    _sam_docker_fail sam "pip could not install aws-sam-cli==$SAM_CLI_VERSION: $(grep -m1 -E 'ERROR' "$_sam_docker_log/pip.log") (log: $_sam_docker_log/pip.log)"
    return 1
  fi
  case "$out" in reusing*) _sam_docker_step sam "$t0" "reused .venv-ci/sam, aws-sam-cli $SAM_CLI_VERSION" ;;
                 *) _sam_docker_step sam "$t0" "installed aws-sam-cli $SAM_CLI_VERSION into .venv-ci/sam" ;; esac
}

# --------------------------------------------------------------------------------------------------------------------
sam_docker_up() {
  SAM_DOCKER_TIMINGS=()
  local t0
  t0=$(date +%s.%N)
  _sam_docker_packages && _sam_docker_engine && _sam_docker_rootfs && _sam_docker_runtime && _sam_docker_image &&
    _sam_docker_sam || return 1
  SAM_DOCKER_GATEWAY=$(_sam_docker_gateway)
  [ -n "$SAM_DOCKER_GATEWAY" ] || { _sam_docker_fail engine "the default bridge network has no gateway address"; return 1; }
  export SAM_DOCKER_GATEWAY
  _sam_docker_step total "$t0" "DOCKER_HOST=$DOCKER_HOST, bridge gateway $SAM_DOCKER_GATEWAY"
}

# Removes SAM's containers (by label) and stops our dockerd by the pid in its pidfile. Safe to call twice.
sam_docker_down() {
  local pid ids i
  if pid=$(_sam_docker_pid); then
    ids=$(docker ps -aq --filter label=sam.cli.container.type=lambda 2>/dev/null)
    # shellcheck disable=SC2086
    [ -z "$ids" ] || { docker rm -f $ids >/dev/null 2>&1; echo "sam-docker: removed $(wc -w <<<"$ids") SAM container(s)"; }
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      echo "sam-docker: dockerd pid $pid did not stop within 20 s; killed"
    fi
    echo "sam-docker: stopped dockerd pid $pid"
    # dockerd leaves its default network namespace bind-mounted under the exec root: release it, so that deleting
    # $SAM_DOCKER_ROOT (a clean start) works.
    umount "$SAM_DOCKER_ROOT/exec/netns/default" 2>/dev/null
  else
    echo "sam-docker: no dockerd of ours running"
  fi
  rm -f "$_sam_docker_pidfile"
}

sam_docker_status() {
  local pid
  if pid=$(_sam_docker_pid) && _sam_docker_ready; then
    echo "sam-docker: dockerd pid $pid running, DOCKER_HOST=$DOCKER_HOST, root $SAM_DOCKER_ROOT"
    docker images --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' 2>/dev/null
    echo "  $(docker ps -aq --filter label=sam.cli.container.type=lambda | wc -l) SAM container(s)"
  else
    echo "sam-docker: not running (root $SAM_DOCKER_ROOT)"
    return 3
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    up) sam_docker_up && echo "export DOCKER_HOST=$DOCKER_HOST" ;;
    down) sam_docker_down ;;
    status) sam_docker_status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
  esac
fi
