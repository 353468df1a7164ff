package dev.backendbyexample.caching;

import java.time.Instant;

/**
 * A review of a product.
 *
 * @param id the id
 * @param productId the product
 * @param author who wrote it
 * @param rating one to five stars
 * @param createdAt when
 */
record Review(long id, long productId, String author, int rating, Instant createdAt) {
}
