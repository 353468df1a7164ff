package dev.backendbyexample.caching;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a cold key is protected from a stampede of concurrent readers.
 */
enum Protection {

	/** {@code @Cacheable} without {@code sync}: every reader that misses loads. */
	NONE("none", TwoLevelCacheManager.STAMPEDE_UNPROTECTED),

	/** {@code @Cacheable(sync = true)}: one load per instance, the others wait for it. */
	PER_INSTANCE("per-instance", TwoLevelCacheManager.STAMPEDE_PER_INSTANCE),

	/** {@code sync = true} and a Redis lease ({@code SET NX PX}): one load per fleet. */
	FLEET("fleet", TwoLevelCacheManager.STAMPEDE_FLEET);

	private final String id;

	private final String cache;

	Protection(String id, String cache) {
		this.id = id;
		this.cache = cache;
	}

	@JsonValue
	String id() {
		return this.id;
	}

	String cache() {
		return this.cache;
	}

}
