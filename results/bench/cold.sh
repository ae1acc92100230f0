#!/usr/bin/env bash
# ./pixelforge bench cold: the container jar from `java -jar` to its first /tone answer, with the
# start-up settings worth trying: as shipped, C1 only, an AppCDS archive, and both. Five launches
# each, median and range, on this machine. (Lambda's Init Duration is in every REPORT line of
# ./pixelforge local and in the report's Cloud metrics.)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../shell/lib.sh
source results/shell/lib.sh
JAR=$PWD/container/target/pixelforge-container-all.jar
IMAGE=$PWD/results/runs/images/640x480-png.png
RUNS=${RUNS:-5}
PORT=18190
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a whole number of launches, at least 1: got '$RUNS'"
command -v curl >/dev/null || results/shell/install-debian.sh --for "pixelforge bench cold" curl
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -pl container -am package -DskipTests"
require_free_port "$PORT" "the container's launches"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
study_images

# The archive the Dockerfile ships, made the same way (a start and one request, dumped at exit).
container/train-appcds.sh "$JAR" "$WORK/app.jsa" "$PORT" > /dev/null

first_tone() {
  curl -sf -o /dev/null --data-binary @"$IMAGE" -H 'Content-Type: image/png' "http://127.0.0.1:$PORT/tone"
}

launch_ms() { # JVM options...
  local start end pid
  start=$(date +%s%N)
  # shellcheck disable=SC2068
  PORT=$PORT java $@ -jar "$JAR" > "$WORK/run.log" 2>&1 &
  pid=$!
  # Polls the condition (the first answer) every 10 ms: the measured time includes at most that much.
  if ! wait_until --pid "$pid" --log "$WORK/run.log" --every 0.01 60 "the first /tone answer on port $PORT ($*)" first_tone; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
  fi
  end=$(date +%s%N)
  stop_process "$pid"
  echo $(( (end - start) / 1000000 ))
}

echo "| JVM options | median ms | min ms | max ms |"
echo "|---|---:|---:|---:|"
# The Dockerfile's options, then with C1 only, an archive, both.
base=$(container_java_opts)
for opts in "$base" "$base -XX:TieredStopAtLevel=1" "$base -XX:SharedArchiveFile=$WORK/app.jsa" \
            "$base -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$WORK/app.jsa"; do
  times=()
  for _ in $(seq "$RUNS"); do
    ms=$(launch_ms "$opts")  # an assignment, so that a launch that never answers stops the script
    times+=("$ms")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "| ${opts//$WORK\//} | $(sed -n "$(( (RUNS + 1) / 2 ))p" <<< "$sorted") | $(head -1 <<< "$sorted") | $(tail -1 <<< "$sorted") |"
done
