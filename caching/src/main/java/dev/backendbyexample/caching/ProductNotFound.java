package dev.backendbyexample.caching;

import org.jspecify.annotations.Nullable;

/**
 * No product has this id.
 */
class ProductNotFound extends RuntimeException {

	private final @Nullable CacheLevel servedFrom;

	ProductNotFound(long id) {
		this(id, null);
	}

	/** Answered from a cache level: "not found" is cached too. */
	ProductNotFound(long id, @Nullable CacheLevel servedFrom) {
		super("No product " + id);
		this.servedFrom = servedFrom;
	}

	@Nullable CacheLevel servedFrom() {
		return this.servedFrom;
	}

}
