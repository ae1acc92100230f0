#!/usr/bin/env bash
# The CFS period choice, measured: one Cloud Run stand-in instance (CPUS vCPU, default 1; BILLING
# request or instance, default instance), one connection from wrk, small requests (25x25 PNG,
# 320x240 JPEG), 8 s warm-up then 15 s measured, at each period in PERIODS (microseconds, default
# "100000 10000": the kernel's default and the stand-ins'). Prints requests/s, p50 and p99.
#   results/bench/cpu-period.sh
#   CPUS=0.5 BILLING=request results/bench/cpu-period.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=results/shell/lib.sh
source results/shell/lib.sh
command -v wrk >/dev/null || results/shell/install-debian.sh --for "cpu-period.sh" wrk
study_images
for period in ${PERIODS:-100000 10000}; do
  log=results/runs/bench-cpu-period-$period.log
  PIXELFORGE_CPU_PERIOD_US=$period ./pixelforge local --ports 0,0,0 --page-port 0 --dilation 1 \
    --set "container.cpus=${CPUS:-1}" --set container.concurrency=1 --set "container.billing=${BILLING:-instance}" > "$log" 2>&1 &
  pid=$!
  wait_until --pid "$pid" --log "$log" 120 "the local cloud's URLs" grep -q 'container .*http' "$log" || { stop_process "$pid"; exit 1; }
  url=$(grep -oE 'container +http://[0-9.:]+' "$log" | awk '{print $2}')
  for img in 025x025-png.png 320x240-jpeg.jpg; do
    wrk -t1 -c1 -d8s -s results/bench/post.lua "$url" -- "$PWD/results/runs/images/$img" > /dev/null
    echo "period $((period / 1000)) ms, $img: $(wrk -t1 -c1 -d15s -s results/bench/post.lua "$url" -- "$PWD/results/runs/images/$img" | grep RESULT)"
  done
  stop_process "$pid"
done
