package dev.backendbyexample.caching;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The caching settings: where the keys live, how long entries last, how big the local
 * level is, and the cache's own Redis connection.
 *
 * @param keyPrefix prepended to every Redis key and to the invalidation channel
 * @param ttl how long Redis keeps an entry
 * @param local the in-process level in front of Redis
 * @param lease the fleet-wide stampede lease
 * @param redis the cache's Redis connection
 */
@ConfigurationProperties("caching")
record CachingProperties(@DefaultValue("cache:") String keyPrefix, @DefaultValue Ttl ttl, @DefaultValue Local local,
		@DefaultValue Lease lease, @DefaultValue Redis redis) {

	/**
	 * Time to live on Redis.
	 *
	 * @param found an entry that holds a product
	 * @param notFound an entry that records "no such product" (negative caching): short,
	 * so a product created behind the cache's back is seen soon
	 * @param jitter the fraction by which each TTL is moved at random, up or down, so
	 * entries written together do not all expire together
	 */
	record Ttl(@DefaultValue("10m") Duration found, @DefaultValue("30s") Duration notFound,
			@DefaultValue("0.1") double jitter) {
	}

	/**
	 * The local (Caffeine) level.
	 *
	 * @param enabled whether this instance keeps a local level at all
	 * @param maximumSize entries kept; W-TinyLFU picks which to drop
	 * @param expireAfterWrite the safety net should an invalidation be lost
	 */
	record Local(@DefaultValue("true") boolean enabled, @DefaultValue("10000") long maximumSize,
			@DefaultValue("1m") Duration expireAfterWrite) {
	}

	/**
	 * The lease one instance takes before loading a missing key, so the fleet loads it
	 * once.
	 *
	 * @param timeToLive how long a lease lasts if its holder dies mid-load
	 * @param maxWait how long the others wait for the holder's value before loading
	 * themselves
	 */
	record Lease(@DefaultValue("5s") Duration timeToLive, @DefaultValue("5s") Duration maxWait) {
	}

	/**
	 * The cache's Redis connection; host and port default to Spring Boot's Redis.
	 *
	 * @param host the host, or {@code null} for {@code spring.data.redis}'s
	 * @param port the port, or {@code null} for {@code spring.data.redis}'s
	 * @param commandTimeout how long a read waits for Redis before it falls through to
	 * PostgreSQL
	 */
	record Redis(@Nullable String host, @Nullable Integer port, @DefaultValue("250ms") Duration commandTimeout) {
	}

}
