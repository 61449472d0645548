-- wrk script: GET the path given with -- PATH, with the session cookie from the environment
-- (YQ_COOKIE), and print p50/p99 in milliseconds at the end.
local cookie = os.getenv("YQ_COOKIE")
local path = "/healthz"

function init(args)
  if args[1] then path = args[1] end
end

function request()
  local h = {}
  if cookie and cookie ~= "" then h["Cookie"] = cookie end
  return wrk.format("GET", path, h)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
