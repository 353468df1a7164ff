package dev.backendbyexample.restvsgraphql;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users table: one SQL statement per method, whatever the number of ids.
 */
@Repository
class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<User> find(long id) {
		return this.jdbc.sql("select id, name, email, bio, version from users where id = ?")
			.param(id)
			.query(User.class)
			.optional();
	}

	/** The user, its row locked until the transaction ends: for a read-modify-write. */
	Optional<User> findForUpdate(long id) {
		return this.jdbc.sql("select id, name, email, bio, version from users where id = ? for update")
			.param(id)
			.query(User.class)
			.optional();
	}

	/**
	 * The users with these ids, in one statement (the DataLoader's batch). {@code list()}
	 * then {@code stream()}: a JdbcClient stream would hold its connection until closed.
	 */
	Map<Long, User> findAll(Collection<Long> ids) {
		return this.jdbc.sql("select id, name, email, bio, version from users where id = any(?)")
			.param(ids.toArray(Long[]::new))
			.query(User.class)
			.list()
			.stream()
			.collect(Collectors.toMap(User::id, Function.identity()));
	}

	List<User> page(@Nullable Long afterId, int limit) {
		return this.jdbc.sql("select id, name, email, bio, version from users where id > ? order by id limit ?")
			.param((afterId != null) ? afterId : 0L)
			.param(limit + 1)
			.query(User.class)
			.list();
	}

	User insert(UserDraft draft) {
		return this.jdbc
			.sql("insert into users (name, email, bio) values (?, ?, ?) returning id, name, email, bio, version")
			.params(draft.name(), draft.email(), draft.bio())
			.query(User.class)
			.single();
	}

	/**
	 * Replaces the fields if the version is still one of the expected ones (null: any);
	 * empty if not.
	 */
	Optional<User> replaceIfVersion(long id, UserDraft draft, @Nullable Set<Long> expectedVersions) {
		Long @Nullable [] versions = array(expectedVersions);
		return this.jdbc.sql("""
				update users set name = ?, email = ?, bio = ?, version = version + 1
				where id = ? and (?::bigint[] is null or version = any(?))
				returning id, name, email, bio, version""")
			.params(draft.name(), draft.email(), draft.bio(), id, versions, versions)
			.query(User.class)
			.optional();
	}

	/**
	 * A new post changes its author's representation (the post count), so its version.
	 */
	void bumpVersion(long id) {
		this.jdbc.sql("update users set version = version + 1 where id = ?").param(id).update();
	}

	boolean deleteIfVersion(long id, @Nullable Set<Long> expectedVersions) {
		Long @Nullable [] versions = array(expectedVersions);
		return this.jdbc.sql("delete from users where id = ? and (?::bigint[] is null or version = any(?))")
			.params(id, versions, versions)
			.update() == 1;
	}

	private static Long @Nullable [] array(@Nullable Set<Long> versions) {
		return (versions != null) ? versions.toArray(Long[]::new) : null;
	}

	boolean exists(long id) {
		return this.jdbc.sql("select exists (select 1 from users where id = ?)")
			.param(id)
			.query(Boolean.class)
			.single();
	}

	long count() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

}
