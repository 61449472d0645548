-- wrk script: the leaders' screen (领导驾驶舱): GET in turn each of the API calls the screen makes
-- when it opens (YQ_PATHS, separated by "|"), with the session cookie from the environment
-- (YQ_COOKIE); prints p50/p99 in milliseconds over all of them at the end.
local cookie = os.getenv("YQ_COOKIE")
local paths = {}
for p in string.gmatch(os.getenv("YQ_PATHS") or "/healthz", "[^|]+") do
  paths[#paths + 1] = p
end
local n = 0

function request()
  n = n % #paths + 1
  local h = {}
  if cookie and cookie ~= "" then h["Cookie"] = cookie end
  return wrk.format("GET", paths[n], h)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
