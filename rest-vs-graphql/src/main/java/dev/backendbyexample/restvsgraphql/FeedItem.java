package dev.backendbyexample.restvsgraphql;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the purpose-built {@code GET /feed}: a post with exactly what the feed
 * screen shows, its author's name and its first comments.
 *
 * @param id the post's id
 * @param title the title
 * @param createdAt when it was written
 * @param authorName the author's name
 * @param comments the first comments, oldest first
 */
record FeedItem(long id, String title, Instant createdAt, String authorName, List<FeedComment> comments) {

	/**
	 * A comment as the feed shows it.
	 *
	 * @param id the comment's id
	 * @param body the text
	 */
	record FeedComment(long id, String body) {

	}

}
