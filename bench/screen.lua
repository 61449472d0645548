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

dofile("bench/result.lua")
