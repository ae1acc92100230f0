#!/usr/bin/env bash
# ./pixelforge bench cold: the container jar from `java -jar` to its first /tone answer, with the
# start-up settings worth trying: as shipped, C1 only, an AppCDS archive, and both. Five launches
# each, median and range, on this machine. (Lambda's Init Duration is in every REPORT line of
# ./pixelforge local and in the report's Cloud metrics.)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$PWD/container/target/pixelforge-container-all.jar
IMAGE=$PWD/results/runs/images/640x480-png.png
RUNS=${RUNS:-5}
PORT=18190
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[[ -f $JAR ]] || { echo "$JAR is missing: mvn -B -pl container -am package -DskipTests" >&2; exit 1; }
[[ -f $IMAGE ]] || java -cp "results/cli/target/classes:$(cat results/cli/target/classpath.txt)" \
  dev.pixelforge.cli.PixelForgeCli images > /dev/null

# The archive: classes loaded by one start and one request, dumped when the JVM exits.
PORT=$PORT java -XX:ArchiveClassesAtExit="$WORK/app.jsa" -jar "$JAR" > "$WORK/train.log" 2>&1 &
train=$!
until curl -sf -o /dev/null --data-binary @"$IMAGE" -H 'Content-Type: image/png' "http://127.0.0.1:$PORT/tone"; do sleep 0.05; done
kill -TERM "$train"; wait "$train" || true

launch_ms() { # JVM options...
  local start end pid
  start=$(date +%s%N)
  # shellcheck disable=SC2068
  PORT=$PORT java $@ -jar "$JAR" > "$WORK/run.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null --data-binary @"$IMAGE" -H 'Content-Type: image/png' "http://127.0.0.1:$PORT/tone"; do
    sleep 0.01  # polls the condition (the first answer); the measured time includes at most this much
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "| JVM options | median ms | min ms | max ms |"
echo "|---|---:|---:|---:|"
for opts in "-XX:MaxRAMPercentage=75" "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1" \
            "-XX:MaxRAMPercentage=75 -XX:SharedArchiveFile=$WORK/app.jsa" \
            "-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$WORK/app.jsa"; do
  times=()
  for _ in $(seq "$RUNS"); do times+=("$(launch_ms "$opts")"); done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "| ${opts//$WORK\//} | $(sed -n "$(( (RUNS + 1) / 2 ))p" <<< "$sorted") | $(head -1 <<< "$sorted") | $(tail -1 <<< "$sorted") |"
done
