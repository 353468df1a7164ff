-- Token bucket. One hash per client: k = tokens, in units of 1/window-microsecond so the
-- refill is exact integer arithmetic (one permit = "window" units, refill = "limit" units
-- per microsecond), t = when it was last updated.
-- KEYS[1] the client's key; ARGV: limit, window (us), permits, now (us, '' = Redis TIME)
-- Returns {allowed, remaining, reset after (us), retry after (us), delay (us)}.
local limit = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local permits = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end

-- exercise:begin token-bucket
local capacity = limit * size
local state = redis.call('HMGET', KEYS[1], 'k', 't')
local tokens = capacity
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2]))
  if elapsed < size then
    tokens = math.min(capacity, tonumber(state[1]) + elapsed * limit)
  end
end

local cost = permits * size
if tokens < cost then
  -- Rejected: nothing to write. The stored tokens and time still yield these tokens now.
  return {0, math.floor(tokens / size), math.ceil((capacity - tokens) / limit), math.ceil((cost - tokens) / limit), 0}
end
tokens = tokens - cost
local refill = math.ceil((capacity - tokens) / limit)
redis.call('HSET', KEYS[1], 'k', string.format('%d', tokens), 't', string.format('%d', now))
-- A key that expired is indistinguishable from a full bucket, so expire it once it would be.
redis.call('PEXPIRE', KEYS[1], math.ceil(refill / 1000) + 1000)
return {1, math.floor(tokens / size), refill, 0, 0}
-- exercise:end token-bucket
