#!/usr/bin/env bash
# ./pixelforge bench http: the container target against the first study's stack (Flask + Pillow
# under gunicorn, 2 workers), both on loopback, the same load from wrk at 10 and 50 connections: the
# 640x480 JPEG alone, then the image set up to 1920x1080 in turn. Prints requests/s, p50, p99 and
# p99.9 for each, and the ratios against the goals (requests/s >= 1.2x the peer's, p99 <= the peer's). Installs the peers' Debian packages
# (python3-flask, python3-pil, gunicorn, wrk) when missing and run as root; says what to install otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=../shell/lib.sh
source results/shell/lib.sh

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
SETTLE=${SETTLE:-20}
LOADS=${LOADS:-jpeg mix} # one of them alone, to repeat a result near a goal
JAVA_PORT=18180
PEER_PORT=18181
JAR=container/target/pixelforge-container-all.jar

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gunicorn >/dev/null || missing+=(gunicorn)
/usr/bin/python3 -c 'import flask' 2>/dev/null || missing+=(python3-flask)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
if [[ ${#missing[@]} -gt 0 ]]; then
  results/shell/install-debian.sh --for "pixelforge bench http" "${missing[@]}"
fi
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -pl container -am package -DskipTests"
require_free_port "$JAVA_PORT" "the container"
require_free_port "$PEER_PORT" "gunicorn"

# shellcheck source-path=SCRIPTDIR source=http-images.sh
source results/bench/http-images.sh
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do stop_process "$p"; done
}
trap cleanup EXIT

java_log=results/runs/bench-http-container.log
peer_log=results/runs/bench-http-gunicorn.log
# shellcheck disable=SC2046
PORT=$JAVA_PORT java $(container_java_opts) -jar "$JAR" > "$java_log" 2>&1 &
java_pid=$!
pids+=("$java_pid")
gunicorn -w 2 -b "127.0.0.1:$PEER_PORT" --chdir results/bench flask_peer:app > "$peer_log" 2>&1 &
peer_pid=$!
pids+=("$peer_pid")
# The cleanup trap stops whichever server is still running when a wait gives up.
wait_until --pid "$java_pid" --log "$java_log" 60 "the container to accept connections on port $JAVA_PORT" \
  accepts_connections "$JAVA_PORT" || exit 1
wait_until --pid "$peer_pid" --log "$peer_log" 60 "gunicorn to accept connections on port $PEER_PORT" \
  accepts_connections "$PEER_PORT" || exit 1

field() { # "a=1 b=2" b -> 2
  local rest=${1#*"$2"=}
  echo "${rest%% *}"
}

measure() { # name port connections
  wrk -t2 -c"$3" -d"${WARMUP}s" -s results/bench/post.lua "http://127.0.0.1:$2" -- "${images[@]}" > /dev/null
  wrk -t2 -c"$3" -d"${DURATION}s" -s results/bench/post.lua "http://127.0.0.1:$2" -- "${images[@]}" | grep '^RESULT' | sed "s/^RESULT/$1 c=$3/"
}

ours="pixelforge-container $JAVA_PORT"
peer="flask-gunicorn-pillow $PEER_PORT"
echo "wrk: the 640x480 JPEG alone, then the image set up to 1920x1080 in turn; ${SETTLE}s of both loads first, then ${WARMUP}s warm-up and ${DURATION}s per run; $(nproc) cores"
# Both servers first serve both loads for SETTLE seconds each: what is measured is a server that has
# been up for a while, as a container is. A JVM's JIT compiles for about 40 s of this load (C2 took 21%
# of the machine 10 to 30 s after start, in a profile); start-up is bench cold's to measure.
for load in jpeg mix; do
  bench_images "$load"
  for port in "$JAVA_PORT" "$PEER_PORT"; do
    wrk -t2 -c10 -d"${SETTLE}s" -s results/bench/post.lua "http://127.0.0.1:$port" -- "${images[@]}" > /dev/null
  done
done
results=()
turn=0
for load in $LOADS; do
  bench_images "$load"
  for c in 10 50; do
    # The two servers take turns going first (ABBA over the runs), so that a drift in what else
    # the machine runs does not always fall on the same side.
    if (( turn++ % 2 == 0 )); then order=("$ours" "$peer"); else order=("$peer" "$ours"); fi
    for side in "${order[@]}"; do
      # shellcheck disable=SC2086
      line="$load $(measure $side "$c")"
      echo "$line"
      results+=("$line")
    done
  done
done

echo
echo "| load | server | connections | requests/s | p50 ms | p99 ms | p99.9 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for line in "${results[@]}"; do
  read -r load name conn rps p50 p99 p999 errors _ <<< "$line"
  echo "| $load | $name | ${conn#c=} | ${rps#requests_per_s=} | ${p50#p50_ms=} | ${p99#p99_ms=} | ${p999#p999_ms=} | ${errors#errors=} |"
done
echo
for load in $LOADS; do
  for c in 10 50; do
    o=$(printf '%s\n' "${results[@]}" | grep "^$load pixelforge-container c=$c ")
    p=$(printf '%s\n' "${results[@]}" | grep "^$load flask-gunicorn-pillow c=$c ")
    awk -v load="$load" -v c="$c" -v orps="$(field "$o" requests_per_s)" -v prps="$(field "$p" requests_per_s)" \
        -v op99="$(field "$o" p99_ms)" -v pp99="$(field "$p" p99_ms)" \
        -v op999="$(field "$o" p999_ms)" -v pp999="$(field "$p" p999_ms)" 'BEGIN {
      r = orps / prps; q = op99 / pp99
      printf "- %s, %d connections: requests/s %.2fx the peer'"'"'s (goal >= 1.2x: %s); p99 %.1f vs %.1f ms, %.2fx (goal <= 1.0x: %s); p99.9 %.1f vs %.1f ms\n",
        load, c, r, (r >= 1.2 ? "met" : "NOT met"), op99, pp99, q, (q <= 1.0 ? "met" : "NOT met"), op999, pp999 }'
  done
done
