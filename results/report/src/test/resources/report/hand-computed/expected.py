#!/usr/bin/env python3
"""The cost figures ReportArithmeticTest expects, worked out from this folder's files alone.

Standard library only, and none of the report's code: it reads run.properties, pricing.properties and
cloud/ (the REPORT lines, Cloud Monitoring's billable_instance_time and request_count) and prints each
target's billed milliseconds per request, USD per million requests, the summary.csv column, the
monthly lines and where they cross. Run: python3 expected.py
"""
import json
import math
import pathlib
import re

HERE = pathlib.Path(__file__).parent
MONTH_S = 30 * 86400


def props(name):
    out = {}
    for line in (HERE / name).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip()
    return out


run, price = props("run.properties"), {k: float(v) for k, v in props("pricing.properties").items() if k != "as-of"}

# Lambda: the mean of the REPORT lines' Billed Duration (each already rounded up by Lambda, Init included).
lines = [e["message"] for e in json.loads((HERE / "cloud/aws-lambda-logs.json").read_text())["events"]]
billed = []
for m in lines:
    duration = float(re.search(r"\tDuration: ([\d.]+) ms", m).group(1))
    init = re.search(r"Init Duration: ([\d.]+) ms", m)
    b = int(re.search(r"Billed Duration: (\d+) ms", m).group(1))
    assert b == math.ceil(duration + (float(init.group(1)) if init else 0)), m  # the fixture bills as Lambda does
    billed.append(b)
lambda_ms = sum(billed) / len(billed)
gb = int(run["memory-mb.aws-lambda"]) / 1024
lambda_usd = (lambda_ms / 1000 * gb * price["aws-lambda.gb-second"] * 1e6
              + price["aws-lambda.per-million-requests"] + price["aws-lambda.api-gateway-per-million-requests"])
figures = {"aws-lambda": (lambda_ms, lambda_usd, 0.0)}
print(f"aws-lambda: {len(billed)} REPORT lines, Billed Duration {billed}, sum {sum(billed)}, mean {lambda_ms!r} ms")

# Google: billable instance time / requests served, x (vCPU x price + GiB x price), + the request fee.
for t in ("gcp-function", "container"):
    def value(metric):
        point = json.loads((HERE / f"cloud/{t}-{metric}.json").read_text())["timeSeries"][0]["points"][0]["value"]
        return float(point.get("doubleValue", point.get("int64Value")))
    seconds, served = value("container-billable_instance_time"), value("request_count")
    cpus, gib = float(run[f"cpus.{t}"]), int(run[f"memory-mb.{t}"]) / 1024
    ms = seconds * 1000 / served
    usd = ms / 1000 * (cpus * price["gcp.vcpu-second"] + gib * price["gcp.gib-second"]) * 1e6 + price["gcp.per-million-requests"]
    idle = int(run.get(f"min-instances.{t}", "0")) * MONTH_S * (
        cpus * price["gcp.idle-min-instance-vcpu-second"] + gib * price["gcp.idle-min-instance-gib-second"])
    figures[t] = (ms, usd, idle)
    print(f"{t}: {seconds} s billable / {served:.0f} requests = {ms!r} ms; {cpus} vCPU, {gib} GiB")

for t, (ms, usd, idle) in figures.items():
    slope = usd / 1e6 * MONTH_S
    print(f"{t}: billedMillis {ms!r}, perMillionUsd {usd!r}, usd_per_million {usd:.6f},"
          f" monthly = {idle!r} + {slope!r} x req/s")


def crossing(a, b):
    (_, ua, fa), (_, ub, fb) = figures[a], figures[b]
    return (fb - fa) / ((ua - ub) / 1e6 * MONTH_S)


print(f"break-even container / aws-lambda: {crossing('container', 'aws-lambda')!r} req/s")
