-- Releases a load lease only if this loader still holds it: a holder slower than the
-- lease's TTL must not delete the lease of the loader that took over.
-- KEYS[1] the lease, ARGV[1] the holder's token
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
