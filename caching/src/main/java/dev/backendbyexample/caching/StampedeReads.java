package dev.backendbyexample.caching;

import java.util.Optional;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * The same read three times, protected three ways. Each load counts itself in the run and
 * then waits until every reader of the run has arrived, so the readers are truly
 * concurrent with the load, however the threads are scheduled.
 */
@Component
class StampedeReads {

	private final Products products;

	StampedeReads(Products products) {
		this.products = products;
	}

	@Cacheable(cacheNames = TwoLevelCacheManager.STAMPEDE_UNPROTECTED, key = "#id")
	public Optional<Product> unprotected(long id, StampedeRun run) {
		return load(id, run);
	}

	@Cacheable(cacheNames = TwoLevelCacheManager.STAMPEDE_PER_INSTANCE, key = "#id", sync = true)
	public Optional<Product> perInstance(long id, StampedeRun run) {
		return load(id, run);
	}

	@Cacheable(cacheNames = TwoLevelCacheManager.STAMPEDE_FLEET, key = "#id", sync = true)
	public Optional<Product> fleet(long id, StampedeRun run) {
		return load(id, run);
	}

	private Optional<Product> load(long id, StampedeRun run) {
		run.loading();
		return this.products.findWithRatings(id);
	}

}
