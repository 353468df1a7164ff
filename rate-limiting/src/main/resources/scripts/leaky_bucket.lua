-- Leaky bucket as a queue. One hash per client: q = the queue as a water level in units of
-- 1/window-microsecond (one request = "window" units, drained at "limit" units per
-- microsecond), t = when it was last updated. A request that fits is admitted with the
-- delay its place in the queue implies; one that does not fit is rejected.
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

local capacity = limit * size
local state = redis.call('HMGET', KEYS[1], 'q', 't')
local water = 0
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2]))
  if elapsed < size then
    water = math.max(0, tonumber(state[1]) - elapsed * limit)
  end
end

local cost = permits * size
if water + cost <= capacity then
  local delay = math.ceil(water / limit)
  local after = water + cost
  local drained = math.ceil(after / limit)
  redis.call('HSET', KEYS[1], 'q', string.format('%d', after), 't', string.format('%d', now))
  -- An empty queue and a missing key mean the same, so expire it once it has drained.
  redis.call('PEXPIRE', KEYS[1], math.ceil(drained / 1000) + 1000)
  return {1, math.floor((capacity - after) / size), drained, 0, delay}
end
return {0, math.floor((capacity - water) / size), math.ceil(water / limit),
  math.ceil((water + cost - capacity) / limit), 0}
