package dev.backendbyexample.restvsgraphql;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The posts table: one SQL statement per method, whatever the number of ids.
 */
@Repository
class Posts {

	private static final String COLUMNS = "id, author_id, title, body, created_at";

	private final JdbcClient jdbc;

	Posts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Post> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from posts where id = ?").param(id).query(Post.class).optional();
	}

	/** The newest posts first, after a cursor, one more than asked. */
	List<Post> newest(@Nullable Long beforeId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from posts where id < ? order by id desc limit ?")
			.param((beforeId != null) ? beforeId : Long.MAX_VALUE)
			.param(limit + 1)
			.query(Post.class)
			.list();
	}

	/** One author's posts, newest first, one more than asked. */
	List<Post> byAuthor(long authorId, @Nullable Long beforeId, int limit) {
		return byAuthors(List.of(authorId), beforeId, limit).getOrDefault(authorId, List.of());
	}

	/**
	 * Each author's newest posts, one more than asked, for many authors in one statement:
	 * a lateral join runs the per-author index range inside PostgreSQL.
	 */
	Map<Long, List<Post>> byAuthors(Collection<Long> authorIds, @Nullable Long beforeId, int limit) {
		return this.jdbc.sql("""
				select p.id, p.author_id, p.title, p.body, p.created_at
				from unnest(?::bigint[]) as a(id)
				cross join lateral (
				    select * from posts where author_id = a.id and id < ? order by id desc limit ?) p""")
			.param(authorIds.toArray(Long[]::new))
			.param((beforeId != null) ? beforeId : Long.MAX_VALUE)
			.param(limit + 1)
			.query(Post.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy(Post::authorId));
	}

	/** How many posts each author has written, in one statement. */
	Map<Long, Integer> countByAuthors(Collection<Long> authorIds) {
		Map<Long, Integer> counts = this.jdbc
			.sql("select author_id, count(*) from posts where author_id = any(?) group by author_id")
			.param(authorIds.toArray(Long[]::new))
			.query((rs, row) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		authorIds.forEach((id) -> counts.putIfAbsent(id, 0));
		return counts;
	}

	Post insert(long authorId, PostDraft draft) {
		return this.jdbc.sql("insert into posts (author_id, title, body) values (?, ?, ?) returning " + COLUMNS)
			.params(authorId, draft.title(), draft.body())
			.query(Post.class)
			.single();
	}

	long count() {
		return this.jdbc.sql("select count(*) from posts").query(Long.class).single();
	}

}
