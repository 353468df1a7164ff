-- A writer's eviction, after its transaction committed: drop the entry, count the
-- invalidation (so a loader still holding the old row cannot put it back), and tell every
-- instance to drop its local copy, in one atomic step.
-- KEYS[1] the entry, KEYS[2] its invalidation counter
-- ARGV[1] how long the counter is kept, in ms (longer than any load), ARGV[2] the
-- invalidation channel, ARGV[3] the message
redis.call('DEL', KEYS[1])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return redis.call('PUBLISH', ARGV[2], ARGV[3])
