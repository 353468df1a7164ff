package dev.backendbyexample.restvsgraphql;

import java.time.Instant;

/**
 * A comment on a post.
 *
 * @param id the comment's id, growing with time
 * @param postId the post it comments on
 * @param authorId the user who wrote it
 * @param body the text
 * @param createdAt when it was written
 */
record Comment(long id, long postId, long authorId, String body, Instant createdAt) {

}
