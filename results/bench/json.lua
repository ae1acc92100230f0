-- wrk script for `./pixelforge bench client`: POST /tone with one JSON body (the studies' base64
-- form, the file the JMeter plan sends), built once: wrk then sends the same bytes every time.
-- Usage: wrk ... -s json.lua URL -- BODY.json
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  f:close()
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests_per_s=%.2f p50_ms=%.2f p99_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
