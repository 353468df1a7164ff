package dev.backendbyexample.caching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One cache's counters, per level: {@code caching.requests} (hit or miss),
 * {@code caching.loads}, {@code caching.evictions} (by cause) and
 * {@code caching.redis.failures}, all tagged with the cache's name.
 */
final class CacheMeters {

	final Counter localHits;

	final Counter localMisses;

	final Counter redisHits;

	final Counter redisMisses;

	final Counter loads;

	final Counter writeEvictions;

	final Counter invalidationEvictions;

	final Counter sizeEvictions;

	final Counter redisFailures;

	final Counter putsRefused;

	CacheMeters(String cache, MeterRegistry meters) {
		this.localHits = requests(cache, "local", "hit", meters);
		this.localMisses = requests(cache, "local", "miss", meters);
		this.redisHits = requests(cache, "redis", "hit", meters);
		this.redisMisses = requests(cache, "redis", "miss", meters);
		this.loads = Counter.builder("caching.loads")
			.description("Values loaded from the database on a miss")
			.tag("cache", cache)
			.register(meters);
		this.writeEvictions = evictions(cache, "write", meters);
		this.invalidationEvictions = evictions(cache, "invalidation", meters);
		this.sizeEvictions = evictions(cache, "size", meters);
		this.redisFailures = Counter.builder("caching.redis.failures")
			.description("Cache operations Redis could not answer; reads fell through to the database")
			.tag("cache", cache)
			.register(meters);
		this.putsRefused = Counter.builder("caching.puts.refused")
			.description("Loaded values not put on Redis because a write invalidated the key meanwhile")
			.tag("cache", cache)
			.register(meters);
	}

	private static Counter requests(String cache, String level, String result, MeterRegistry meters) {
		return Counter.builder("caching.requests")
			.description("Cache reads by level and result")
			.tag("cache", cache)
			.tag("level", level)
			.tag("result", result)
			.register(meters);
	}

	private static Counter evictions(String cache, String cause, MeterRegistry meters) {
		return Counter.builder("caching.evictions")
			.description("Entries dropped: by a write, by another instance's invalidation, or for size (local)")
			.tag("cache", cache)
			.tag("cause", cause)
			.register(meters);
	}

}
