-- Sliding window counter. One hash per client: w = current window number, p = permits in
-- the previous window, c = permits in the current one. The estimate weights the previous
-- window by how much of it still overlaps the last "window"; all numbers are integers
-- scaled by the window size, so this agrees with the Java version to the microsecond.
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

-- exercise:begin sliding-window-counter
local window = math.floor(now / size)
local state = redis.call('HMGET', KEYS[1], 'w', 'p', 'c')
local stored = tonumber(state[1])
local previous, current = 0, 0
if stored == window then
  previous, current = tonumber(state[2]), tonumber(state[3])
elseif stored == window - 1 then
  previous = tonumber(state[3])
end
local elapsed = now - window * size
local used = previous * (size - elapsed) + current * size

local function reset_after(p, c)
  if c > 0 then return size - elapsed + size end
  if p > 0 then return size - elapsed end
  return 0
end

if used + permits * size <= limit * size then
  current = current + permits
  redis.call('HSET', KEYS[1], 'w', string.format('%d', window), 'p', string.format('%d', previous),
    'c', string.format('%d', current))
  -- The current count still weighs in the next window, then it is irrelevant.
  redis.call('PEXPIRE', KEYS[1], math.ceil((2 * size - elapsed) / 1000) + 1000)
  local remaining = math.floor((limit * size - used - permits * size) / size)
  return {1, remaining, reset_after(previous, current), 0, 0}
end

local retry
local room = limit - current - permits
if room >= 0 then
  retry = math.max(1, size - math.floor(room * size / previous) - elapsed)
else
  retry = size - elapsed + size - math.floor((limit - permits) * size / current)
end
return {0, math.max(0, math.floor((limit * size - used) / size)), reset_after(previous, current), retry, 0}
-- exercise:end sliding-window-counter
