#!/usr/bin/env bats
# results/shell/lib.sh, the helpers every script sources: usage text from the header comment, the
# command line's class path, waits that end on their condition, a deadline or a dead process, and
# the free-port check the bench scripts make before they start servers.

setup() {
  ROOT=$(cd "$BATS_TEST_DIRNAME/../../../../.." && pwd)  # results/cli/src/test/bats
  WORK=$(mktemp -d)
  # shellcheck source=../../../../shell/lib.sh
  source "$ROOT/results/shell/lib.sh"
  LISTENER=""
}

teardown() {
  if [[ -n $LISTENER ]]; then kill "$LISTENER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}

# free_port: a port nothing listens on now (the kernel picks it).
free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# listen PORT: a server on 127.0.0.1:PORT until teardown, ready when this returns.
listen() {
  /usr/bin/python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8); time.sleep(600)' "$1" &
  LISTENER=$!
  wait_until --pid "$LISTENER" 10 "the test's listener on port $1" accepts_connections "$1"
}

@test "usage_of prints the leading comment block, without the #! line and the comment marks" {
  printf '%s\n' '#!/usr/bin/env bash' '# first line' '#' '#   indented' '#no space' 'set -e' '# not usage' > "$WORK/script"
  run usage_of "$WORK/script"
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '%s\n' 'first line' '' '  indented' 'no space')" ]
}

@test "./pixelforge --help is its header block, every line of it" {
  run "$ROOT/pixelforge" --help
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "PixelForge's command line. Builds what it needs on first use, then runs it." ]
  [ "${lines[${#lines[@]}-1]}" = "  ./pixelforge build                 mvn package, skipping tests" ]
  [ "$output" = "$(sed -n '2,/^[^#]/p' "$ROOT/pixelforge" | sed '$d' | sed 's/^# \{0,1\}//')" ]
}

@test "every deploy script's --help is its header block and nothing after it" {
  for script in aws-lambda/deploy/deploy.sh gcp-function/deploy/deploy.sh container/deploy/deploy.sh; do
    run "$ROOT/$script" --help
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "PixelForge"* ]]
    [[ "$output" != *"set -euo pipefail"* ]]
    [[ "$output" != *"shellcheck"* ]]
    # the last line is the header block's last comment line
    [ "${lines[${#lines[@]}-1]}" = "$(awk 'NR > 1 && !/^#/ { exit } NR > 1 { last = $0 } END { print last }' "$ROOT/$script" | sed 's/^# \{0,1\}//')" ]
  done
}

@test "cli_classpath is the classes folder and the build's class path list" {
  PIXELFORGE_ROOT=$WORK
  mkdir -p "$WORK/results/cli/target"
  echo "/m2/a.jar:/m2/b.jar" > "$WORK/results/cli/target/classpath.txt"
  run cli_classpath
  [ "$status" -eq 0 ]
  [ "$output" = "$WORK/results/cli/target/classes:/m2/a.jar:/m2/b.jar" ]
}

@test "cli_classpath without a build says to build" {
  PIXELFORGE_ROOT=$WORK
  run cli_classpath
  [ "$status" -eq 1 ]
  [ "$output" = "$(basename "$0"): $WORK/results/cli/target/classpath.txt is missing: build first (./pixelforge build)" ]
}

@test "wait_until returns as soon as its condition holds" {
  ( sleep 0.3; touch "$WORK/ready" ) &
  run wait_until 10 "the file" test -e "$WORK/ready"
  [ "$status" -eq 0 ]
  [ "$output" = "" ]
}

@test "wait_until gives up at its deadline and says what it waited for" {
  start=$SECONDS
  run wait_until 1 "the moon" false
  [ "$status" -eq 1 ]
  [ "$output" = "$(basename "$0"): waited for the moon: gave up after 1 s" ]
  [ $((SECONDS - start)) -le 3 ]
}

@test "wait_until stops waiting when the process it waits on exits, and shows its log" {
  printf 'starting\nbind: address in use\n' > "$WORK/jvm.log"
  # The process is started by the shell that waits, as the scripts do: only a parent learns the status.
  server_that_dies() {
    ( sleep 0.2; exit 3 ) &  # the stand-in server's lifetime: alive when the wait starts, then gone
    echo "$!" > "$WORK/pid"
    wait_until --pid "$!" --log "$WORK/jvm.log" 60 "the server on port 1" false
  }
  start=$SECONDS
  run server_that_dies
  pid=$(cat "$WORK/pid")
  [ "$status" -eq 1 ]
  [ "${lines[0]}" = "$(basename "$0"): waited for the server on port 1: process $pid exited (status 3) first" ]
  [ "${lines[1]}" = "--- the last lines of $WORK/jvm.log:" ]
  [ "${lines[2]}" = "starting" ]
  [ "${lines[3]}" = "bind: address in use" ]
  [ $((SECONDS - start)) -le 5 ]
}

@test "wait_until with bad arguments says how to call it" {
  run wait_until soon "x" true
  [ "$status" -eq 1 ]
  [ "$output" = "$(basename "$0"): wait_until takes [--pid PID] [--log FILE] [--every SECONDS] WITHIN_SECONDS WHAT CMD..." ]
}

@test "require_free_port passes on a free port and stops on a taken one, naming it" {
  port=$(free_port)
  run require_free_port "$port" "the container"
  [ "$status" -eq 0 ]
  listen "$port"
  run require_free_port "$port" "the container"
  [ "$status" -eq 1 ]
  [ "$output" = "$(basename "$0"): port $port, for the container, is in use: stop what listens there (ss -ltnp 'sport = :$port' names it), then run again" ]
}

# start_and_stop WITHIN SCRIPT: runs the bash SCRIPT in the background and, once it has said it is
# ready (a signal sent between fork and exec would meet the forking shell's handlers instead), stops
# it; both in one shell, as the scripts do, since only a parent reaps a process. Its pid goes to $WORK/pid.
start_and_stop() {
  bash -c "$2" &
  echo "$!" > "$WORK/pid"
  wait_until 10 "the process to start" test -e "$WORK/ready"
  stop_process "$!" "$1"
}

@test "stop_process ends a process that exits on SIGTERM, without waiting out its deadline" {
  start=$SECONDS
  run start_and_stop 20 "touch $WORK/ready; exec sleep 600"
  [ "$status" -eq 0 ]
  [ "$output" = "" ]
  ! kill -0 "$(cat "$WORK/pid")" 2>/dev/null
  [ $((SECONDS - start)) -le 5 ]
}

@test "stop_process kills a process that ignores SIGTERM once its deadline passes" {
  run start_and_stop 1 "trap '' TERM; touch $WORK/ready; while :; do sleep 0.1; done"
  pid=$(cat "$WORK/pid")
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "$(basename "$0"): waited for process $pid to exit after SIGTERM: gave up after 1 s" ]
  [ "${lines[1]}" = "$(basename "$0"): killing process $pid" ]
  ! kill -0 "$pid" 2>/dev/null
}
