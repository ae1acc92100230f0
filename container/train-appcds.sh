#!/usr/bin/env bash
# Makes the container's AppCDS archive the way the Cloud Run stand-in makes its own
# (results/standins/.../process/AppCdsArchive.java): starts the jar with -XX:ArchiveClassesAtExit,
# waits for its port, posts one small PNG to /tone so that a first request's classes are archived
# too, then stops it with SIGTERM; the JVM writes the archive as it exits.
#
#   container/train-appcds.sh JAR ARCHIVE [PORT]     PORT: where the training JVM listens (8080)
#
# Run by container/Dockerfile at build time and by ./pixelforge bench cold. Self-contained on
# purpose: the image's build context is container/ alone (no results/shell/lib.sh), and the image
# has bash but no curl, so the request is written to bash's /dev/tcp.
set -euo pipefail

die() {
  echo "train-appcds.sh: $*" >&2
  exit 1
}

[[ $# -eq 2 || $# -eq 3 ]] || die "usage: train-appcds.sh JAR ARCHIVE [PORT]"
jar=$1 archive=$2 port=${3:-8080}
[[ -f $jar ]] || die "no jar at $jar"
[[ -d $(dirname "$archive") ]] || die "no directory for the archive: $(dirname "$archive")"
if ! [[ $port =~ ^[0-9]{1,5}$ ]] || (( 10#$port < 1 || 10#$port > 65535 )); then
  die "not a port: $port"
fi

# An 8x8 black RGB PNG, as small as the stand-in's: the classes a /tone loads do not depend on size.
PNG_BASE64=iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAADElEQVR42mNgGB4AAADIAAGTvaWOAAAAAElFTkSuQmCC
START_WITHIN=60  # seconds for the JVM to listen; a start takes about 2 s on a small build machine
STOP_WITHIN=30   # seconds for it to exit after SIGTERM, writing the archive

accepts_connections() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}
accepts_connections && die "port $port is in use: the training request would go to another server"

work=$(mktemp -d)
jvm=""
cleanup() {
  if [[ -n $jvm ]]; then
    kill -KILL "$jvm" 2>/dev/null || true  # a JVM left by a failed step; it may be gone already
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { # MESSAGE: dies, showing the end of the training JVM's log
  echo "train-appcds.sh: $*" >&2
  if [[ -s $work/jvm.log ]]; then
    echo "--- the last lines of the training JVM's log:" >&2
    tail -n 20 "$work/jvm.log" >&2
  fi
  exit 1
}

rm -f "$archive"
PORT=$port java -XX:ArchiveClassesAtExit="$archive" -jar "$jar" > "$work/jvm.log" 2>&1 &
jvm=$!

deadline=$((SECONDS + START_WITHIN))
until accepts_connections; do
  kill -0 "$jvm" 2>/dev/null || fail "the training JVM exited before it listened on port $port"
  (( SECONDS < deadline )) || fail "gave up after $START_WITHIN s waiting for the training JVM to listen on port $port"
  sleep 0.1  # a probe's period: the loop ends on the condition
done

base64 -d <<< "$PNG_BASE64" > "$work/train.png"
length=$(wc -c < "$work/train.png")
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || fail "could not connect to port $port for the training request"
printf 'POST /tone HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: image/png\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' \
  "$port" "$length" >&3
cat "$work/train.png" >&3
status=""
IFS= read -r -t 30 status <&3 || true
exec 3>&-
status=${status%$'\r'}
[[ $status == "HTTP/1.1 200"* ]] || fail "POST /tone answered '${status:-nothing within 30 s}', not 200"

kill -TERM "$jvm"
deadline=$((SECONDS + STOP_WITHIN))
while kill -0 "$jvm" 2>/dev/null; do
  (( SECONDS < deadline )) || fail "gave up after $STOP_WITHIN s waiting for the training JVM to exit after SIGTERM"
  sleep 0.1  # a probe's period: the loop ends on the condition
done
wait "$jvm" || true  # 143: the status of a JVM stopped by SIGTERM
jvm=""
[[ -s $archive ]] || fail "the training JVM exited without writing $archive"
echo "train-appcds.sh: wrote $archive ($(wc -c < "$archive") bytes) from a start and one POST /tone"
