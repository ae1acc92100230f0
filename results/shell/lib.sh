#!/usr/bin/env bash
# Shell helpers shared by ./pixelforge, the bench scripts and the deploy scripts (sourced, not run),
# so each mechanism is written once: a script's usage text, the command line's class path and image
# set, waiting for a condition with a deadline, stopping a process, and checking that a port is
# free. Debian packages are installed by install-debian.sh beside this file: a script of its own,
# because Java and CI run it too.

PIXELFORGE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# die MESSAGE...: says what went wrong, named after the running script, and exits 1.
die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# usage_of FILE: FILE's leading comment block (after its #! line) without the comment marks. The
# usage text is written once, at the top of the script, and printed whole however long it grows.
usage_of() {
  local line first=1
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $first == 1 ]]; then
      first=0
      [[ $line == '#!'* ]] && continue
    fi
    [[ $line == '#'* ]] || break
    line=${line#\#}
    printf '%s\n' "${line# }"
  done < "$1"
}

# cli_classpath: the class path of the command line (results/cli), as the last build wrote it.
# Call it as an assignment (cp=$(cli_classpath)), so that a missing build stops the script.
cli_classpath() {
  local list=$PIXELFORGE_ROOT/results/cli/target/classpath.txt
  [[ -f $list ]] || die "$list is missing: build first (./pixelforge build)"
  echo "$PIXELFORGE_ROOT/results/cli/target/classes:$(cat "$list")"
}

# study_images: makes the image set in results/runs/images if it is missing or stale (a no-op
# otherwise), as ./pixelforge images does.
study_images() {
  local cp
  cp=$(cli_classpath)
  java -cp "$cp" dev.pixelforge.cli.PixelForgeCli images --root "$PIXELFORGE_ROOT" > /dev/null
}

# container_java_opts: the JVM options of container/Dockerfile's ENTRYPOINT but its AppCDS archive
# (made per jar where it is wanted), so that a benchmark runs the JVM the image runs.
container_java_opts() {
  local entry
  entry=$(grep '^ENTRYPOINT' "$PIXELFORGE_ROOT/container/Dockerfile") || die "container/Dockerfile has no ENTRYPOINT line"
  grep -o '"-XX:[^"]*"' <<< "$entry" | tr -d '"' | grep -v '^-XX:SharedArchiveFile=' | paste -sd' ' -
}

# accepts_connections PORT: whether something on this machine accepts TCP connections on 127.0.0.1:PORT.
accepts_connections() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# require_free_port PORT WHAT: stops the script when PORT, which WHAT is about to listen on, is
# taken: a server left from an earlier run would otherwise answer in place of the one started here.
require_free_port() {
  local port=$1 what=$2
  if accepts_connections "$port"; then
    die "port $port, for $what, is in use: stop what listens there (ss -ltnp 'sport = :$port' names it), then run again"
  fi
}

# wait_until [--pid PID] [--log FILE] [--every SECONDS] WITHIN WHAT CMD...: runs CMD until it
# succeeds, every SECONDS (default 0.1: a probe's period, the loop ends on the condition). Gives up
# after WITHIN seconds, or as soon as process PID has exited (a dead JVM never answers), saying
# what it waited for and showing the end of FILE; it then returns 1 and the caller cleans up.
wait_until() {
  local pid="" log="" every=0.1
  while [[ $# -gt 0 ]]; do
    case $1 in
      --pid) pid=$2; shift 2 ;;
      --log) log=$2; shift 2 ;;
      --every) every=$2; shift 2 ;;
      *) break ;;
    esac
  done
  [[ $# -ge 3 && $1 =~ ^[0-9]+$ ]] || die "wait_until takes [--pid PID] [--log FILE] [--every SECONDS] WITHIN_SECONDS WHAT CMD..."
  local within=$1 what=$2 reason=""
  shift 2
  local deadline=$((SECONDS + within))
  until "$@"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      local status=0
      wait "$pid" 2>/dev/null || status=$?
      reason="process $pid exited (status $status) first"
      break
    fi
    if (( SECONDS >= deadline )); then
      reason="gave up after ${within} s"
      break
    fi
    sleep "$every"
  done
  [[ -z $reason ]] && return 0
  echo "$(basename "$0"): waited for $what: $reason" >&2
  if [[ -n $log && -s $log ]]; then
    echo "--- the last lines of $log:" >&2
    tail -n 20 "$log" >&2
  fi
  return 1
}

# process_gone PID: whether process PID has exited.
process_gone() {
  ! kill -0 "$1" 2>/dev/null
}

# stop_process PID [WITHIN]: SIGTERM (the JVM and gunicorn shut down cleanly on it), then SIGKILL
# when PID is still running after WITHIN seconds (default 30), so that a stop never hangs the script.
stop_process() {
  local pid=$1 within=${2:-30}
  kill -TERM "$pid" 2>/dev/null || return 0
  if ! wait_until "$within" "process $pid to exit after SIGTERM" process_gone "$pid"; then
    echo "$(basename "$0"): killing process $pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
