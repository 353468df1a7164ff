package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The shared level: entries as JSON strings under the context's key prefix, each with an
 * invalidation counter beside it, and the invalidations published on one channel. Every
 * method may throw Spring's {@code DataAccessException} when Redis cannot answer; the
 * cache decides what that means for the caller.
 */
final class RedisLevel {

	private static final RedisScript<Long> EVICT = script("evict");

	private static final RedisScript<Long> PUT = script("put");

	private static final RedisScript<Long> PUT_UNLESS_INVALIDATED = script("put_unless_invalidated");

	private static final RedisScript<Long> RELEASE_LEASE = script("release_lease");

	/** Longer than any load: a loader slower than this could put an old value back. */
	private static final Duration COUNTER_TTL = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final String channel;

	RedisLevel(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.channel = keyPrefix + "invalidations";
	}

	String channel() {
		return this.channel;
	}

	/** An entry's value, or {@code null}: a plain GET, the hit path. */
	@Nullable String value(String cache, String key) {
		return this.redis.opsForValue().get(entry(cache, key));
	}

	/**
	 * An entry's value (or {@code null}) and its invalidation counter ({@code ""} if
	 * none), read in one round trip (MGET): the miss path, which needs the counter to put
	 * what it loads.
	 */
	Read read(String cache, String key) {
		List<@Nullable String> values = this.redis.opsForValue()
			.multiGet(List.of(entry(cache, key), counter(cache, key)));
		if (values == null) {
			return new Read(null, "");
		}
		String seen = values.get(1);
		return new Read(values.get(0), (seen != null) ? seen : "");
	}

	/** Puts a loaded value unless the entry was invalidated since {@code read}. */
	boolean putUnlessInvalidated(String cache, String key, String json, Read read, Duration ttl) {
		Long written = this.redis.execute(PUT_UNLESS_INVALIDATED, List.of(entry(cache, key), counter(cache, key)),
				read.counter(), json, Long.toString(ttl.toMillis()));
		return written != null && written == 1;
	}

	void put(String cache, String key, String json, Duration ttl, String message) {
		this.redis.execute(PUT, List.of(entry(cache, key), counter(cache, key)), json, Long.toString(ttl.toMillis()),
				Long.toString(COUNTER_TTL.toMillis()), this.channel, message);
	}

	void evict(String cache, String key, String message) {
		this.redis.execute(EVICT, List.of(entry(cache, key), counter(cache, key)),
				Long.toString(COUNTER_TTL.toMillis()), this.channel, message);
	}

	/** Drops every entry of a cache (SCAN, never KEYS: it would block Redis). */
	void clear(String cache, String message) {
		try (Cursor<String> keys = this.redis
			.scan(ScanOptions.scanOptions().match(this.keyPrefix + cache + ":*").count(500).build())) {
			keys.forEachRemaining(this.redis::delete);
		}
		this.redis.convertAndSend(this.channel, message);
	}

	/** {@code SET lease token NX PX ttl}: true if this loader now holds the lease. */
	boolean tryLease(String cache, String key, String token, Duration ttl) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lease(cache, key), token, ttl));
	}

	boolean leaseHeld(String cache, String key) {
		return Boolean.TRUE.equals(this.redis.hasKey(lease(cache, key)));
	}

	void releaseLease(String cache, String key, String token) {
		this.redis.execute(RELEASE_LEASE, List.of(lease(cache, key)), token);
	}

	/**
	 * The entry's key. The braces make it, its counter and its lease one hash slot, so
	 * the scripts also run on a Redis Cluster.
	 */
	String entry(String cache, String key) {
		return this.keyPrefix + cache + ":{" + key + "}";
	}

	private String counter(String cache, String key) {
		return entry(cache, key) + ":invalidated";
	}

	private String lease(String cache, String key) {
		return entry(cache, key) + ":lease";
	}

	private static RedisScript<Long> script(String name) {
		return RedisScript.of(new ClassPathResource("scripts/" + name + ".lua"), Long.class);
	}

	/**
	 * What a reader saw.
	 *
	 * @param json the entry, or {@code null}
	 * @param counter the invalidation counter, {@code ""} if the key was never
	 * invalidated (or long ago)
	 */
	record Read(@Nullable String json, String counter) {
	}

}
