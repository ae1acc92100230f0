#!/usr/bin/env bash
# results/bench/memory-8k.sh: the memory guarantee, checked by hand (no test holds it: it takes a
# gigabyte and most of a minute). Fifty concurrent 8K sepia conversions against the container jar
# at -Xmx1g with the Dockerfile's other JVM options; prints the answers' status codes (the goal:
# 50 x 200), whether the JVM logged an OutOfMemoryError, and that the instance still answers.
# JAR checks another build of the jar; HEAP another heap (default 1g).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../shell/lib.sh
source results/shell/lib.sh
JAR=${JAR:-container/target/pixelforge-container-all.jar}
PORT=18196
IMAGE=results/runs/images/7680x4320-jpeg.jpg
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -pl container -am package -DskipTests"
require_free_port "$PORT" "the container"
study_images
opts="$(container_java_opts | sed 's/-XX:MaxRAMPercentage=[0-9]*//') -Xmx${HEAP:-1g}"
log=results/runs/memory-8k.log
echo "JVM:$opts; 50 concurrent POST /tone?scale=sepia of $(basename "$IMAGE")"
# shellcheck disable=SC2086
PORT=$PORT java $opts -jar "$JAR" > "$log" 2>&1 &
pid=$!
trap 'stop_process "$pid"' EXIT
wait_until --pid "$pid" --log "$log" 60 "the container on port $PORT" accepts_connections "$PORT" || exit 1
start=$SECONDS
seq 50 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' --data-binary @"$IMAGE" \
  -H 'Content-Type: image/jpeg' "http://127.0.0.1:$PORT/tone?scale=sepia" | sort | uniq -c
echo "took $((SECONDS - start)) s; OutOfMemoryError lines in the JVM's log: $(grep -c OutOfMemoryError "$log" || true)"
curl -s -o /dev/null -w 'then /health: %{http_code}\n' "http://127.0.0.1:$PORT/health"
