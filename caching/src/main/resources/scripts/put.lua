-- An unconditional put (@CachePut, or @Cacheable without sync): write the entry, count it as
-- an invalidation of whatever a loader may still be about to put, and tell every instance to
-- drop its local copy.
-- KEYS[1] the entry, KEYS[2] its invalidation counter
-- ARGV[1] the value, ARGV[2] its TTL in ms, ARGV[3] how long the counter is kept, in ms,
-- ARGV[4] the invalidation channel, ARGV[5] the message
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return redis.call('PUBLISH', ARGV[4], ARGV[5])
