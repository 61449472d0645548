-- wrk script: POST a new request (企业诉求) as the logged-in user, with the session cookie and the
-- CSRF token from the environment (YQ_COOKIE, YQ_CSRF); prints p50/p99 and non-2xx at the end.
local cookie = os.getenv("YQ_COOKIE")
local csrf = os.getenv("YQ_CSRF")
local ent = os.getenv("YQ_ENTERPRISE") or "1"
local n = 0

function request()
  n = n + 1
  local body = string.format('{"enterprise_id":%s,"channel":"phone","category":"用工",' ..
    '"title":"压测诉求%d","description":"急需普工，请协助对接职业院校招聘。"}', ent, n)
  return wrk.format("POST", "/api/tickets", {
    ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json"}, body)
end

dofile("bench/result.lua")
