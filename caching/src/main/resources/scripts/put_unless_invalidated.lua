-- A loader's put, refused if the key was invalidated since the loader first looked.
-- This closes cache-aside's classic race: a reader that loaded the old row before a write
-- committed must not put it back after the writer's eviction (see evict.lua).
-- KEYS[1] the entry, KEYS[2] its invalidation counter
-- ARGV[1] the counter the loader saw ('' for none), ARGV[2] the value, ARGV[3] TTL in ms
local seen = redis.call('GET', KEYS[2]) or ''
if seen ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
