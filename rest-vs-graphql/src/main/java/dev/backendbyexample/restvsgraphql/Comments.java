package dev.backendbyexample.restvsgraphql;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The comments table: one SQL statement per method, whatever the number of posts.
 */
@Repository
class Comments {

	private final JdbcClient jdbc;

	Comments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One post's first comments, oldest first, one more than asked. */
	List<Comment> ofPost(long postId, @Nullable Long afterId, int limit) {
		return this.jdbc.sql("""
				select id, post_id, author_id, body, created_at from comments
				where post_id = ? and id > ? order by id limit ?""")
			.param(postId)
			.param((afterId != null) ? afterId : 0L)
			.param(limit + 1)
			.query(Comment.class)
			.list();
	}

	/**
	 * Each post's first comments, one more than asked, for many posts in one statement (a
	 * lateral join: the per-post index range runs inside PostgreSQL).
	 */
	Map<Long, List<Comment>> ofPosts(Collection<Long> postIds, @Nullable Long afterId, int limit) {
		return this.jdbc.sql("""
				select c.id, c.post_id, c.author_id, c.body, c.created_at
				from unnest(?::bigint[]) as p(id)
				cross join lateral (
				    select * from comments where post_id = p.id and id > ? order by id limit ?) c""")
			.param(postIds.toArray(Long[]::new))
			.param((afterId != null) ? afterId : 0L)
			.param(limit + 1)
			.query(Comment.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy(Comment::postId));
	}

	long count() {
		return this.jdbc.sql("select count(*) from comments").query(Long.class).single();
	}

}
