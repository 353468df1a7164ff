package dev.backendbyexample.caching;

/**
 * This instance's cache counters, for the live page and the demo.
 *
 * @param databaseQueries runs of the expensive query
 * @param localEnabled whether the local level is in use (subscribed to invalidations)
 * @param localSize entries in the products cache's local level
 * @param localHits products read from the local level
 * @param localMisses products not in the local level
 * @param redisHits products read from Redis
 * @param redisMisses products not on Redis
 * @param loads products loaded from the database through the cache
 * @param evictions products evicted by writes
 * @param redisFailures cache operations Redis could not answer
 */
record CacheStats(long databaseQueries, boolean localEnabled, long localSize, long localHits, long localMisses,
		long redisHits, long redisMisses, long loads, long evictions, long redisFailures) {
}
