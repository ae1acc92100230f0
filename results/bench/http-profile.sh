#!/usr/bin/env bash
# results/bench/http-profile.sh [jpeg|mix] [CONNECTIONS]: the container jar under bench http's wrk
# load (default: the 640x480 JPEG, 50 connections) with JDK Flight Recorder on for the measured
# window, then what explains its latency tail: GC pauses and causes, safepoints, heap allocated per
# request and where, CPU of Netty's event loops against the pixel pool, time parked, and each
# answer's Server-Timing split into the kernel (decode + tone + encode) and the rest of `app`.
# JAVA_OPTS replaces the JVM options (default: the Dockerfile's, without its CDS archive), to profile
# another collector or heap; JAR another build of the container jar (an older commit's, to compare);
# the recording is kept in results/runs/http-profile.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../shell/lib.sh
source results/shell/lib.sh

load=${1:-jpeg}
connections=${2:-50}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
PORT=18182
JAR=${JAR:-container/target/pixelforge-container-all.jar}
# shellcheck source-path=SCRIPTDIR source=http-images.sh
source results/bench/http-images.sh
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -pl container -am package -DskipTests"
require_free_port "$PORT" "the profiled container"
bench_images "$load"

jfc=$(mktemp --suffix=.jfc)
log=results/runs/http-profile.log
recording=$PWD/results/runs/http-profile.jfr
# Java's profiling settings, with safepoints, parks over 1 ms and thread CPU each second added.
jfr configure --input profile --output "$jfc" jdk.SafepointBegin#enabled=true jdk.ThreadPark#threshold=1ms \
  jdk.ThreadCPULoad#period=1s jdk.JavaMonitorEnter#threshold=1ms > /dev/null
# shellcheck disable=SC2086
PORT=$PORT java ${JAVA_OPTS:-$(container_java_opts)} -jar "$JAR" > "$log" 2>&1 &
pid=$!
trap 'stop_process "$pid"; rm -f "$jfc"' EXIT
wait_until --pid "$pid" --log "$log" 60 "the container on port $PORT" accepts_connections "$PORT" || exit 1

echo "JVM: ${JAVA_OPTS:-$(container_java_opts)}; $(nproc) cores; load: $load (${#images[@]} images), $connections connections"
wrk -t2 -c"$connections" -d"${WARMUP}s" -s results/bench/post.lua "http://127.0.0.1:$PORT" -- "${images[@]}" > /dev/null
jcmd "$pid" JFR.start name=tail settings="$jfc" > /dev/null
result=$(wrk -t2 -c"$connections" -d"${DURATION}s" -s results/bench/post-timed.lua "http://127.0.0.1:$PORT" -- "${images[@]}")
rm -f "$recording"
jcmd "$pid" JFR.stop name=tail filename="$recording" > /dev/null
grep -E '^(RESULT|TIMING)' <<< "$result"
requests=$(sed -n 's/^RESULT.* requests=\([0-9]*\).*/\1/p' <<< "$result")
/usr/bin/env python3 results/bench/jfr_profile.py "$recording" "$requests"
