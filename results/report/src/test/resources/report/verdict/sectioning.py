"""Hand computation of VerdictTest's sectioning intervals, apart from the Java code.

Each target sends one request every 200 ms for 40 s; its steady state runs from its first send to
its last answer, cut into ten equally long stretches by send time. The p-quantile's interval is
the overall nearest-rank quantile +- t(0.975, 9) x sd(batch quantiles) / sqrt(10).
"""
import math
import statistics

T = 2.262


def nearest_rank(values, p):
    v = sorted(values)
    return v[max(0, math.ceil(p * len(v)) - 1)]


def interval(rts_ms, p=0.5):
    starts = [i * 200 for i in range(len(rts_ms))]
    end = max(s + r for s, r in zip(starts, rts_ms))
    span = end - starts[0]
    batches = [[] for _ in range(10)]
    for s, r in zip(starts, rts_ms):
        batches[min(9, (s - starts[0]) * 10 // span)].append(r)
    q = nearest_rank(rts_ms, p)
    half = T * statistics.stdev([nearest_rank(b, p) for b in batches]) / math.sqrt(10)
    return q, q - half, q + half


for name, rts in {
    "a": [100 + i for i in range(200)],
    "b": [200 + i for i in range(200)],
    "c": [10 if i < 99 else 350 for i in range(200)],
}.items():
    print(name, ["%.1f" % x for x in interval(rts)])
