-- wrk script for `./pixelforge bench http`: POST /tone?scale=gray, cycling through the image set
-- up to 1920x1080 (the study's mix without the images its t3.micro client could not send).
local bodies, types = {}, {}
local n = 0

function init(args)
  for i = 1, #args do
    local path = args[i]
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
    types[#types + 1] = path:match("%.jpg$") and "image/jpeg" or "image/png"
  end
end

function request()
  n = n % #bodies + 1
  return wrk.format("POST", "/tone?scale=gray", { ["Content-Type"] = types[n] }, bodies[n])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests_per_s=%.2f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
