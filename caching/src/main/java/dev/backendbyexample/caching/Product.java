package dev.backendbyexample.caching;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A product with the summary of its reviews: what the expensive query returns and what
 * the caches hold, as JSON on Redis.
 *
 * @param id the id
 * @param name the name
 * @param description the description
 * @param priceCents the price in cents
 * @param version bumped by every write to the product or its reviews: the ETag
 * @param updatedAt when it was last written
 * @param ratings the summary of its reviews
 */
record Product(long id, String name, String description, long priceCents, long version, Instant updatedAt,
		Ratings ratings) {

	/** The strong entity tag of this version, quoted as HTTP wants it. */
	String etag() {
		return etag(this.id, this.version);
	}

	static String etag(long id, long version) {
		return "\"p" + id + "-v" + version + "\"";
	}

	/**
	 * The summary of a product's reviews.
	 *
	 * @param count how many reviews
	 * @param average the mean rating, {@code null} without reviews
	 * @param byStars how many reviews gave 1, 2, 3, 4 and 5 stars
	 */
	record Ratings(long count,
			@Schema(nullable = true, description = "The mean rating; null without reviews.") @Nullable Double average,
			List<Long> byStars) {
	}

}
