-- wrk script: POST /api/login with the account from the environment (YQ_USER, YQ_PASS); every
-- request is a full password check (argon2id), so this measures the login path's own limit.
-- Prints p50/p99 in milliseconds and the non-2xx count at the end.
local user = os.getenv("YQ_USER") or "gen001-admin"
local pass = os.getenv("YQ_PASS") or "Gen-Passw0rd-2026"
local body = string.format('{"username":"%s","password":"%s"}', user, pass)

function request()
  return wrk.format("POST", "/api/login", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
