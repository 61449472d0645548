-- wrk script: POST /api/login with the account from the environment (YQ_USER, YQ_PASS); every
-- request is a full password check (argon2id), so this measures the login path's own limit.
-- Prints p50/p99 in milliseconds and the non-2xx count at the end.
local user = os.getenv("YQ_USER") or "gen001-admin"
local pass = os.getenv("YQ_PASS") or "Gen-Passw0rd-2026"
local body = string.format('{"username":"%s","password":"%s"}', user, pass)

function request()
  return wrk.format("POST", "/api/login", {["Content-Type"] = "application/json"}, body)
end

dofile("bench/result.lua")
