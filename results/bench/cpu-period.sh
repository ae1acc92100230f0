#!/usr/bin/env bash
# The CFS period choice, measured: one Cloud Run stand-in instance (CPUS vCPU, BILLING request or
# instance), one connection from wrk, small requests (25x25 PNG, 320x240 JPEG), at each period in
# PERIODS (microseconds). Prints wrk's requests/s, p50 and p99 per period and image.
#   CPUS=1 BILLING=instance results/bench/cpu-period.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=results/bench/lib.sh
source results/bench/lib.sh
for period in ${PERIODS:-100000 10000}; do
  PIXELFORGE_CPU_PERIOD_US=$period ./pixelforge local --ports 0,0,0 --page-port 0 --dilation 1 --set container.cpus=${CPUS:-0.5} --set container.concurrency=1 --set container.memory-mb=1024 --set container.billing=${BILLING:-request} > /tmp/period-$period.log 2>&1 &
  pid=$!
  for i in $(seq 150); do grep -q 'container .*http' /tmp/period-$period.log && break; sleep 0.2; done
  url=$(grep -oE 'container +http://[0-9.:]+' /tmp/period-$period.log | awk '{print $2}')
  for img in 025x025-png.png 320x240-jpeg.jpg; do
    wrk -t1 -c1 -d8s -s results/bench/post.lua "$url" -- "$PWD/results/runs/images/$img" > /dev/null
    echo "period ${period}us $img: $(wrk -t1 -c1 -d15s -s results/bench/post.lua "$url" -- "$PWD/results/runs/images/$img" | grep RESULT)"
  done
  kill -TERM $pid; wait $pid || true
done
