package dev.backendbyexample.caching;

/**
 * The tests' seed: big enough for a real aggregate, small enough to seed in well under a
 * second.
 */
final class SmallSeed {

	static final int PRODUCT_COUNT = 1000;

	static final String PRODUCTS = "caching.seed.products=" + PRODUCT_COUNT;

	static final String REVIEWS = "caching.seed.reviews=20000";

	private SmallSeed() {
	}

}
