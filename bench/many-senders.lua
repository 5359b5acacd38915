-- wrk script: every request is a new message from one of many senders (a new conversation at
-- first, then their later messages), each with a unique platform message id.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  senders = tonumber(args[1] or "10000")
  key = args[2] or ""
  run = args[3] or "run"
end

request = function()
  counter = counter + 1
  local sender = (counter * 7919 + tid * 104729) % senders
  local body = string.format(
    '{"from":"+1555%07d","content":"Message %d from thread %d","platform":"whatsapp","externalId":"%s-%d-%d"}',
    sender, counter, tid, run, tid, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end
