-- Fixed window counter. One hash per client: w = window number, c = permits granted in it.
-- KEYS[1] the client's key; ARGV: limit, window (us), permits, now (us, '' = Redis TIME)
-- Returns {allowed, remaining, reset after (us), retry after (us), delay (us)}.
-- Every TTL has one second of grace past the moment the state stops mattering, so a key
-- never vanishes while a caller whose clock is a little behind still relies on it.
local limit = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local permits = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  -- The server's clock, not the caller's: instances with skewed clocks still agree.
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end

local window = math.floor(now / size)
local state = redis.call('HMGET', KEYS[1], 'w', 'c')
local count = 0
if tonumber(state[1]) == window then
  count = tonumber(state[2])
end
local reset = (window + 1) * size - now

if count + permits <= limit then
  redis.call('HSET', KEYS[1], 'w', string.format('%d', window), 'c', string.format('%d', count + permits))
  -- Gone when the window ends: an idle client costs nothing.
  redis.call('PEXPIRE', KEYS[1], math.ceil(reset / 1000) + 1000)
  return {1, limit - count - permits, reset, 0, 0}
end
return {0, limit - count, reset, reset, 0}
