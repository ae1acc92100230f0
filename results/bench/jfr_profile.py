"""Summarises a JDK Flight Recorder file taken under load, for `results/bench/http-profile.sh`.

    python3 results/bench/jfr_profile.py RECORDING.jfr REQUESTS

Prints what explains a latency tail, per request where it can: GC pauses and their causes,
safepoints and the VM operations behind them, heap allocated per request (from the heap before and
after each collection), where it is allocated (allocation samples, by class and first frame), CPU
per thread group (Netty's event loops, the pixel pool, the rest), and time threads spent parked.
"""
import collections
import json
import math
import re
import subprocess
import sys

EVENTS = ("jdk.GarbageCollection,jdk.GCHeapSummary,jdk.SafepointBegin,jdk.ExecuteVMOperation,"
          "jdk.ObjectAllocationSample,jdk.ThreadCPULoad,jdk.CPULoad,jdk.ThreadPark,jdk.ExecutionSample,"
          "jdk.GCConfiguration,jdk.GCHeapConfiguration,jdk.CPUInformation,jdk.DirectBufferStatistics,"
          "jdk.ThreadAllocationStatistics,jdk.JavaMonitorEnter,dev.pixelforge.PixelQueue")


def nanos(duration):
    """JFR's JSON durations look like 'PT0.0123S'."""
    m = re.fullmatch(r"PT(?:(\d+)M)?([\d.]+)S", duration or "PT0S")
    return 0 if not m else int((int(m.group(1) or 0) * 60 + float(m.group(2))) * 1e9)


def group(thread):
    name = (thread or {}).get("javaName") or (thread or {}).get("osName") or "?"
    if "eventloop" in name.lower():
        return "event-loop"
    if name.startswith("pixel-work"):
        return "pixel-work"
    return "other"


def frame(stack, skip=("java.", "jdk.", "sun.", "com.sun.")):
    """The first frame outside the JDK: who asked for the allocation."""
    frames = (stack or {}).get("frames") or []
    for f in frames:
        m = f["method"]
        cls = m["type"]["name"].replace("/", ".")
        if not cls.startswith(skip):
            return f"{cls}.{m['name']}"
    return frames[0]["method"]["type"]["name"].replace("/", ".") + "." + frames[0]["method"]["name"] if frames else "?"


def main(path, requests):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "12", "--events", EVENTS, path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    by = collections.defaultdict(list)
    for e in events:
        by[e["type"]].append(e["values"])
    per_k = 1000.0 / requests

    for c in by["jdk.GCConfiguration"][:1]:
        print(f"collector: young {c['youngCollector']}, old {c['oldCollector']}, "
              f"{c['parallelGCThreads']} parallel / {c['concurrentGCThreads']} concurrent GC threads")
    for c in by["jdk.GCHeapConfiguration"][:1]:
        print(f"heap: initial {c['initialSize'] >> 20} MB, max {c['maxSize'] >> 20} MB")

    gcs = by["jdk.GarbageCollection"]
    pauses = sorted(nanos(g["longestPause"]) for g in gcs)
    total = sum(nanos(g["sumOfPauses"]) for g in gcs)
    causes = collections.Counter((g["name"], g["cause"]) for g in gcs)
    print(f"GC: {len(gcs)} collections ({len(gcs) * per_k:.2f} per 1000 requests), pauses {total / 1e6:.0f} ms in all,"
          f" longest {pauses[-1] / 1e6 if pauses else 0:.1f} ms, median {pauses[len(pauses) // 2] / 1e6 if pauses else 0:.1f} ms")
    for (name, cause), n in causes.most_common():
        print(f"  {n} x {name}: {cause}")

    # Allocation: what the heap grew by between collections (after one, before the next).
    heaps = sorted(by["jdk.GCHeapSummary"], key=lambda h: (h["gcId"], h["when"] != "Before GC"))
    allocated, last_after = 0, None
    for h in heaps:
        if h["when"] == "Before GC" and last_after is not None:
            allocated += max(0, h["heapUsed"] - last_after)
        elif h["when"] == "After GC":
            last_after = h["heapUsed"]
    if last_after is not None:
        print(f"allocated: {allocated / 1e9:.2f} GB between the first and last collection,"
              f" about {allocated / requests / 1024:.0f} KB per request (over all {requests} requests)")
    threads = collections.defaultdict(dict)
    for t in by["jdk.ThreadAllocationStatistics"]:
        name = (t.get("thread") or {}).get("javaName") or "?"
        threads[name][t["startTime"]] = t["allocated"]
    per_group = collections.Counter()
    for name, points in threads.items():
        values = [points[k] for k in sorted(points)]
        if len(values) > 1:
            per_group[group({"javaName": name})] += values[-1] - values[0]
    if per_group:
        whole = sum(per_group.values())
        print("allocated per request by thread group (thread statistics, recording start to end): " + ", ".join(
            f"{g} {v / requests / 1024:.0f} KB" for g, v in per_group.most_common()) + f"; {whole / requests / 1024:.0f} KB in all")

    samples = by["jdk.ObjectAllocationSample"]
    weight = sum(s["weight"] for s in samples) or 1
    sites = collections.Counter()
    for s in samples:
        sites[(s["objectClass"]["name"], frame(s.get("stackTrace")))] += s["weight"]
    print("allocation sites (share of sampled bytes; class, first frame outside the JDK):")
    for (cls, where), w in sites.most_common(12):
        print(f"  {100.0 * w / weight:5.1f}%  {cls.replace('/', '.')}  {where}")

    begins = by["jdk.SafepointBegin"]
    ops = collections.defaultdict(list)
    for o in by["jdk.ExecuteVMOperation"]:
        if o.get("safepoint"):
            ops[o["operation"]].append(nanos(o["duration"]))
    print(f"safepoints: {len(begins)}, reaching them {sum(nanos(b['duration']) for b in begins) / 1e6:.1f} ms in all;"
          " VM operations at a safepoint: " + ", ".join(
              f"{op} {len(d)} x {sum(d) / 1e6:.1f} ms (longest {max(d) / 1e6:.1f})"
              for op, d in sorted(ops.items(), key=lambda kv: -sum(kv[1]))[:5]))

    cpu = by["jdk.CPULoad"]
    if cpu:
        n = len(cpu)
        print(f"CPU (of the machine's cores): JVM user {100 * sum(c['jvmUser'] for c in cpu) / n:.0f}%,"
              f" JVM system {100 * sum(c['jvmSystem'] for c in cpu) / n:.0f}%,"
              f" whole machine {100 * sum(c['machineTotal'] for c in cpu) / n:.0f}%")
    load = collections.defaultdict(float)
    periods = collections.Counter()
    for t in by["jdk.ThreadCPULoad"]:
        load[group(t.get("eventThread"))] += t["user"] + t["system"]
        periods[t["startTime"]] += 1
    if periods:
        print("CPU by thread group (of the machine's cores, mean): " + ", ".join(
            f"{g} {100 * v / len(periods):.0f}%" for g, v in sorted(load.items(), key=lambda kv: -kv[1])))
    execs = collections.Counter(group(s.get("sampledThread")) for s in by["jdk.ExecutionSample"])
    print("execution samples by thread group: " + ", ".join(f"{g} {n}" for g, n in execs.most_common()))

    parks = collections.defaultdict(list)
    for p in by["jdk.ThreadPark"]:
        parks[(group(p.get("eventThread")), frame(p.get("stackTrace"), skip=("java.", "jdk.", "sun.")))].append(nanos(p["duration"]))
    print("parked over 1 ms (thread group, where): " + ("none" if not parks else ""))
    for (g, where), d in sorted(parks.items(), key=lambda kv: -sum(kv[1]))[:6]:
        print(f"  {g} at {where}: {len(d)} x, {sum(d) / 1e6:.0f} ms in all, longest {max(d) / 1e6:.1f} ms")
    monitors = collections.defaultdict(list)
    for m in by["jdk.JavaMonitorEnter"]:
        monitors[(group(m.get("eventThread")), m["monitorClass"]["name"])].append(nanos(m["duration"]))
    for (g, cls), d in sorted(monitors.items(), key=lambda kv: -sum(kv[1]))[:3]:
        print(f"  blocked on a monitor: {g} on {cls}: {len(d)} x, {sum(d) / 1e6:.0f} ms in all")
    queue = sorted(nanos(q["duration"]) for q in by["dev.pixelforge.PixelQueue"])
    if queue:
        waiting = sorted(q["queued"] for q in by["dev.pixelforge.PixelQueue"])
        def rank(xs, p):  # nearest rank, as the report counts it
            return xs[min(len(xs), max(1, math.ceil(len(xs) * p / 100))) - 1]
        print(f"queued for a pixel thread ({len(queue)} hand-offs): p50 {rank(queue, 50) / 1e6:.1f} ms,"
              f" p99 {rank(queue, 99) / 1e6:.1f} ms, p99.9 {rank(queue, 99.9) / 1e6:.1f} ms,"
              f" longest {queue[-1] / 1e6:.1f} ms; tasks ahead p50 {rank(waiting, 50)}, p99 {rank(waiting, 99)}")
    direct = by["jdk.DirectBufferStatistics"]
    if direct:
        print(f"direct buffers (NIO): at most {max(d['memoryUsed'] for d in direct) >> 10} KB in {max(d['count'] for d in direct)} buffers")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
