#!/usr/bin/env python3
"""The fixture's 95% intervals and the verdict's, worked out without the report's code (standard library only).

Run: python3 intervals.py   (reads samples.csv beside it)
"""
import csv, math, os
from collections import defaultdict

rows = list(csv.DictReader(open(os.path.join(os.path.dirname(__file__) or ".", "samples.csv"))))
by = defaultdict(list)
for r in rows:
    by[r["target"]].append(r)

def order_interval(sorted_ms, p):
    """Le Boudec, Theorem 2.1: [x(j), x(k)], j = floor(np - 1.96 sqrt(np(1-p))), k = ceil(np + 1 + 1.96 sqrt(np(1-p)))."""
    n = len(sorted_ms)
    spread = 1.96 * math.sqrt(n * p * (1 - p))
    j, k = math.floor(n * p - spread), math.ceil(n * p + 1 + spread)
    return None if j < 1 or k > n else (sorted_ms[j - 1], sorted_ms[k - 1])

def wilson(s, n, z=1.96):
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half

for target, rs in by.items():
    ok = [r for r in rs if r["success"] == "true"]
    rt = sorted(int(r["round_trip_us"]) // 1000 for r in ok)
    starts = [int(r["start_epoch_ms"]) for r in rs]
    ends = [int(r["start_epoch_ms"]) + int(r["round_trip_us"]) // 1000 for r in rs]
    window = (max(ends) - min(starts)) / 1000
    goodput = len(ok) / window
    first = min(starts) // 1000
    per_second = defaultdict(int)
    for r in rs:
        per_second[int(r["start_epoch_ms"]) // 1000 - first] += 0
    for r in ok:
        per_second[int(r["start_epoch_ms"]) // 1000 - first] += 1
    counts = list(per_second.values())
    n = len(counts)
    mean = sum(counts) / n
    var = sum((c - mean) ** 2 for c in counts) / (n - 1)
    half = 1.96 * math.sqrt(var / n)
    print(f"{target}: p50 interval {order_interval(rt, 0.5)} ms, p95 interval {order_interval(rt, 0.95)} ms,"
          f" p99 interval {order_interval(rt, 0.99)} ms")
    lo, hi = wilson(len(ok), len(rs))
    print(f"{target}: availability {len(ok)}/{len(rs)}, Wilson [{lo:.3f}, {hi:.3f}]")
    print(f"{target}: goodput {goodput:.3f}/s, per-second successes {counts}, interval [{goodput - half:.3f}, {goodput + half:.3f}]")
