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

dofile("bench/result.lua")
