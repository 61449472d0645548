-- wrk script: files an enterprise's monthly figures (企业直报, POST /api/economy/reports) as the
-- logged-in staff user for month YQ_PERIOD, with the session cookie and CSRF token from the
-- environment, round the enterprises of YQ_ENTERPRISES (ids, comma-separated: the filing window,
-- where many enterprises file at once) or YQ_ENTERPRISE alone (one enterprise filing again and
-- again: every write waits for the one before on its report's row). Each call is a durable write
-- with its audit row. Prints p50/p99 and non-2xx at the end.
local cookie = os.getenv("YQ_COOKIE")
local csrf = os.getenv("YQ_CSRF")
local ents = {}
for id in string.gmatch(os.getenv("YQ_ENTERPRISES") or "", "%d+") do ents[#ents + 1] = id end
if #ents == 0 then ents[1] = os.getenv("YQ_ENTERPRISE") or "1" end
local period = os.getenv("YQ_PERIOD") or "2026-01"
local n = 0

function request()
  n = n + 1
  local ent = ents[(n + math.random(#ents)) % #ents + 1]
  local body = string.format('{"enterprise_id":%s,"period":"%s","values":{"output":%d,' ..
    '"revenue":%d,"taxable_sales":900,"tax":60,"profit":12,"power":30,"employees":200},' ..
    '"reason":"压测"}', ent, period, 1000 + n % 7, 1100 + n % 5)
  return wrk.format("POST", "/api/economy/reports", {
    ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json"}, body)
end

dofile("bench/result.lua")
