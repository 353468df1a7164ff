package dev.backendbyexample.caching;

import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.cache.Cache;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Cache-aside over the catalogue, through Spring's cache abstraction: reads go through
 * the {@code products} cache, and every write path evicts the product it changed once its
 * transaction has committed (the methods here hold no transaction: {@link Products}
 * commits before the eviction runs).
 * <p>
 * Writes evict rather than put: two writers putting could leave the older value last,
 * while an eviction can only make the next reader load the current row.
 */
@Service
class Catalogue {

	private final Products products;

	private final TwoLevelCacheManager caches;

	Catalogue(Products products, TwoLevelCacheManager caches) {
		this.products = products;
		this.caches = caches;
	}

	/**
	 * The product with its rating summary. {@code sync = true}: concurrent misses in this
	 * instance load once, and with the cache's lease once in the fleet. An unknown id is
	 * cached too ("not found", for a short TTL), so a flood of requests for it does not
	 * reach the database.
	 */
	@Cacheable(cacheNames = TwoLevelCacheManager.PRODUCTS, key = "#id", sync = true)
	public Optional<Product> find(long id) {
		return this.products.findWithRatings(id);
	}

	/**
	 * The product's current version, without the expensive query: from the cache when it
	 * holds the product, else the version column alone. Empty if there is no such
	 * product.
	 */
	public OptionalLong version(long id) {
		Cache.ValueWrapper cached = this.caches.twoLevel(TwoLevelCacheManager.PRODUCTS).get(id);
		if (cached != null) {
			Object value = cached.get();
			return (value instanceof Product product) ? OptionalLong.of(product.version()) : OptionalLong.empty();
		}
		return this.products.version(id);
	}

	/**
	 * Creates a product and answers its id; evicts a cached "not found" for that id. The
	 * write methods here only write: anything that could fail after the commit (reading
	 * the product back for the response) would skip the eviction and leave a stale entry
	 * cached up to its TTL, so the caller reads the product afterwards.
	 */
	@CacheEvict(cacheNames = TwoLevelCacheManager.PRODUCTS, key = "#result")
	public long create(ProductChanges product) {
		return this.products.create(product);
	}

	@CacheEvict(cacheNames = TwoLevelCacheManager.PRODUCTS, key = "#id")
	public void replace(long id, VersionCondition condition, ProductChanges changes) {
		this.products.update(id, condition, changes);
	}

	@CacheEvict(cacheNames = TwoLevelCacheManager.PRODUCTS, key = "#id")
	public void delete(long id, VersionCondition condition) {
		this.products.delete(id, condition);
	}

	/** A review changes the product's rating summary: evicted like any other write. */
	@CacheEvict(cacheNames = TwoLevelCacheManager.PRODUCTS, key = "#productId")
	public Review addReview(long productId, NewReview review) {
		return this.products.addReview(productId, review);
	}

}
