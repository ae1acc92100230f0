-- wrk script for `results/bench/http-profile.sh`: post.lua's load, and each answer's Server-Timing
-- read back, so the profile can tell time spent in the kernel (decode + tone + encode) from the
-- rest of `app` (binding the body, waiting for a pixel thread, the budget, routing): wrk's round
-- trip minus `app` is what happened outside the filter (the event loop, the sockets, wrk itself).
dofile("results/bench/post.lua") -- defines init, request and done
local post_done = done
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

-- Per thread: counts per 0.1 ms bucket (to 2 s) of app and of app minus the kernel phases.
app_hist, rest_hist, kernel_sum, app_sum, answers = {}, {}, 0, 0, 0

local function bucket(ms)
  return math.min(20000, math.floor(ms * 10))
end

function response(status, headers, body)
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if status ~= 200 or not timing then
    return
  end
  local app, kernel = 0, 0
  for name, dur in timing:gmatch("(%a+);dur=([%d%.]+)") do
    if name == "app" then app = tonumber(dur) else kernel = kernel + tonumber(dur) end
  end
  local a, r = bucket(app), bucket(app - kernel)
  app_hist[a] = (app_hist[a] or 0) + 1
  rest_hist[r] = (rest_hist[r] or 0) + 1
  kernel_sum, app_sum, answers = kernel_sum + kernel, app_sum + app, answers + 1
end

local function percentile(hist, n, p)
  local rank, seen = math.ceil(p / 100 * n), 0
  for b = 0, 20000 do
    seen = seen + (hist[b] or 0)
    if seen >= rank then return b / 10 end
  end
  return 2000
end

function done(summary, latency, requests)
  post_done(summary, latency, requests)
  local app, rest, n, ksum, asum = {}, {}, 0, 0, 0
  for _, t in ipairs(threads) do
    for b, c in pairs(t:get("app_hist")) do app[b] = (app[b] or 0) + c end
    for b, c in pairs(t:get("rest_hist")) do rest[b] = (rest[b] or 0) + c end
    n, ksum, asum = n + t:get("answers"), ksum + t:get("kernel_sum"), asum + t:get("app_sum")
  end
  if n == 0 then
    io.write("TIMING none: no 200 answer carried Server-Timing\n")
    return
  end
  io.write(string.format("TIMING answers=%d kernel_mean_ms=%.2f app_mean_ms=%.2f app_p50_ms=%.1f app_p99_ms=%.1f"
    .. " app_p999_ms=%.1f rest_mean_ms=%.2f rest_p50_ms=%.1f rest_p99_ms=%.1f rest_p999_ms=%.1f\n",
    n, ksum / n, asum / n, percentile(app, n, 50), percentile(app, n, 99), percentile(app, n, 99.9),
    (asum - ksum) / n, percentile(rest, n, 50), percentile(rest, n, 99), percentile(rest, n, 99.9)))
end
