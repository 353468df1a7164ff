package dev.backendbyexample.caching;

import java.util.Collection;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.support.AbstractCacheManager;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The application's caches, each a {@link TwoLevelCache}: the product cache the API reads
 * through, and three caches for the stampede experiment, one per protection.
 */
final class TwoLevelCacheManager extends AbstractCacheManager {

	/** The products the API serves: two levels, fleet-wide lease. */
	static final String PRODUCTS = "products";

	/** Read without {@code sync}: every concurrent miss loads. */
	static final String STAMPEDE_UNPROTECTED = "stampede-unprotected";

	/** {@code sync = true}: one load per instance. */
	static final String STAMPEDE_PER_INSTANCE = "stampede-per-instance";

	/** {@code sync = true} and a Redis lease: one load per fleet. */
	static final String STAMPEDE_FLEET = "stampede-fleet";

	private final RedisLevel redis;

	private final Invalidations invalidations;

	private final JsonMapper json;

	private final CachingProperties settings;

	private final MeterRegistry meters;

	TwoLevelCacheManager(RedisLevel redis, Invalidations invalidations, JsonMapper json, CachingProperties settings,
			MeterRegistry meters) {
		this.redis = redis;
		this.invalidations = invalidations;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
	}

	@Override
	protected Collection<? extends org.springframework.cache.Cache> loadCaches() {
		return List.of(cache(PRODUCTS, true), cache(STAMPEDE_UNPROTECTED, false), cache(STAMPEDE_PER_INSTANCE, false),
				cache(STAMPEDE_FLEET, true));
	}

	private TwoLevelCache cache(String name, boolean leased) {
		CacheMeters cacheMeters = new CacheMeters(name, this.meters);
		Cache<String, Object> local = null;
		if (this.settings.local().enabled()) {
			local = localLevel(this.settings.local().maximumSize())
				.expireAfterWrite(this.settings.local().expireAfterWrite())
				.removalListener((key, value, cause) -> {
					if (cause == RemovalCause.SIZE) {
						cacheMeters.sizeEvictions.increment();
					}
				})
				.build();
			Cache<String, Object> sized = local;
			Gauge.builder("caching.local.size", () -> sized.estimatedSize())
				.description("Entries in the local level")
				.tag("cache", name)
				.register(this.meters);
		}
		return new TwoLevelCache(name, Product.class, local, this.redis, this.invalidations, this.json, this.settings,
				leased, cacheMeters);
	}

	/**
	 * The local level's policy: Caffeine bounded by entry count, which evicts by
	 * W-TinyLFU (admits a new entry only if it is likely to be read more often than the
	 * one it would displace), so a scan of one-off keys does not flush the hot ones as
	 * LRU would.
	 */
	static Caffeine<Object, Object> localLevel(long maximumSize) {
		return Caffeine.newBuilder().maximumSize(maximumSize);
	}

	TwoLevelCache twoLevel(String name) {
		return (TwoLevelCache) getCache(name);
	}

	/** Every half second, the evictions Redis could not take are tried again. */
	@Scheduled(initialDelay = 500, fixedDelay = 500)
	void retryPendingEvictions() {
		for (String name : getCacheNames()) {
			twoLevel(name).retryPendingEvictions();
		}
	}

}
