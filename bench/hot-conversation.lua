-- wrk script: every request is the next message of one single conversation (one sender).
local counter = 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000)))
end

function init(args)
  key = args[1] or ""
  run = args[2] or "run"
  phone = args[3] or "+15550000001"
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"from":"%s","content":"Hot message %d","platform":"whatsapp","externalId":"%s-%s-%d"}',
    phone, counter, run, tid, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end
