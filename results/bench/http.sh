#!/usr/bin/env bash
# ./pixelforge bench http: the container target against the first study's stack (Flask + Pillow
# under gunicorn, 2 workers), both on loopback, the same load from wrk at 10 and 50 connections.
# Prints requests/s, p50 and p99 for each, and the ratios. Installs the peers' Debian packages
# (python3-flask, python3-pil, gunicorn, wrk) when missing and run as root; says what to install otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR source=lib.sh
source results/bench/lib.sh

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
JAVA_PORT=18180
PEER_PORT=18181
JAR=container/target/pixelforge-container-all.jar

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gunicorn >/dev/null || missing+=(gunicorn)
/usr/bin/python3 -c 'import flask' 2>/dev/null || missing+=(python3-flask)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
if [[ ${#missing[@]} -gt 0 ]]; then
  results/bench/install-debian.sh --for "pixelforge bench http" "${missing[@]}"
fi
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -pl container -am package -DskipTests"
require_free_port "$JAVA_PORT" "the container"
require_free_port "$PEER_PORT" "gunicorn"

# The image set, made on first use (the same files every run).
study_images
images=()
for f in results/runs/images/*; do
  case $(basename "$f") in
    025x025*|064x064*|150x150*|320x240*|640x480*|800x600*|1024x768*|1280x720*|1920x1080*) images+=("$PWD/$f") ;;
  esac
done

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do stop_process "$p"; done
}
trap cleanup EXIT

java_log=results/runs/bench-http-container.log
peer_log=results/runs/bench-http-gunicorn.log
PORT=$JAVA_PORT java -XX:MaxRAMPercentage=75 -jar "$JAR" > "$java_log" 2>&1 &
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

echo "wrk: ${#images[@]} images up to 1920x1080 in turn, ${WARMUP}s warm-up then ${DURATION}s per run; $(nproc) cores"
results=()
for c in 10 50; do
  for side in "pixelforge-container $JAVA_PORT" "flask-gunicorn-pillow $PEER_PORT"; do
    # shellcheck disable=SC2086
    line=$(measure $side "$c")
    echo "$line"
    results+=("$line")
  done
done

echo
echo "| server | connections | requests/s | p50 ms | p99 ms | errors |"
echo "|---|---:|---:|---:|---:|---:|"
for line in "${results[@]}"; do
  read -r name conn rps p50 p99 errors _ <<< "$line"
  echo "| $name | ${conn#c=} | ${rps#requests_per_s=} | ${p50#p50_ms=} | ${p99#p99_ms=} | ${errors#errors=} |"
done
echo
for c in 10 50; do
  ours=$(printf '%s\n' "${results[@]}" | grep "^pixelforge-container c=$c ")
  peer=$(printf '%s\n' "${results[@]}" | grep "^flask-gunicorn-pillow c=$c ")
  o_rps=$(field "$ours" requests_per_s); p_rps=$(field "$peer" requests_per_s)
  o_p99=$(field "$ours" p99_ms); p_p99=$(field "$peer" p99_ms)
  awk -v c="$c" -v orps="$o_rps" -v prps="$p_rps" -v op99="$o_p99" -v pp99="$p_p99" 'BEGIN {
    r = orps / prps
    printf "- %d connections: %.2fx the peer requests/s (goal >= 1.5x: %s); p99 %.1f vs %.1f ms (goal lower: %s)\n",
      c, r, (r >= 1.5 ? "met" : "NOT met"), op99, pp99, (op99 < pp99 ? "met" : "NOT met") }'
done
