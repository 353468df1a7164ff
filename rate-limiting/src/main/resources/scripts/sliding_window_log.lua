-- Sliding window log. One sorted set per client: a member per granted permit, scored by
-- its time in microseconds.
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

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - size))
local count = redis.call('ZCARD', KEYS[1])

if count + permits <= limit then
  for i = 1, permits do
    -- Unique within one instant: entries at "now" are never trimmed while count grows.
    redis.call('ZADD', KEYS[1], string.format('%d', now), string.format('%d-%d', now, count + i))
  end
  redis.call('PEXPIRE', KEYS[1], math.ceil(size / 1000) + 1000)
  return {1, limit - count - permits, size, 0, 0}
end

-- Admitted once the oldest (count + permits - limit) entries have left the window.
local blocking = redis.call('ZRANGE', KEYS[1], count + permits - limit - 1, count + permits - limit - 1, 'WITHSCORES')
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local retry = math.max(1, tonumber(blocking[2]) + size - now)
return {0, limit - count, tonumber(newest[2]) + size - now, retry, 0}
