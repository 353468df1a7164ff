package dev.backendbyexample.restvsgraphql;

import java.time.Instant;

/**
 * A post as stored.
 *
 * @param id the post's id, growing with time (the feed is newest first)
 * @param authorId the user who wrote it
 * @param title the title
 * @param body the text, the part a list of titles does not need
 * @param createdAt when it was written
 */
record Post(long id, long authorId, String title, String body, Instant createdAt) {

}
