package dev.backendbyexample.restvsgraphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one service layer both APIs call: REST and GraphQL differ only at the edge. Every
 * read is one SQL statement, for one id or for many; how many statements a request costs
 * is decided by the edge that calls it (one call per parent, or one per batch).
 */
@Service
class Blog {

	private final Users users;

	private final Posts posts;

	private final Comments comments;

	private final JdbcClient jdbc;

	private final Validator validator;

	Blog(Users users, Posts posts, Comments comments, JdbcClient jdbc, Validator validator) {
		this.users = users;
		this.posts = posts;
		this.comments = comments;
		this.jdbc = jdbc;
		this.validator = validator;
	}

	User user(long id) {
		return this.users.find(id).orElseThrow(() -> new UserNotFound(id));
	}

	Map<Long, User> users(Collection<Long> ids) {
		return this.users.findAll(ids);
	}

	Slice<User> users(@Nullable Long afterId, int limit) {
		return Slice.of(this.users.page(afterId, limit), limit);
	}

	int postCount(long userId) {
		return postCounts(List.of(userId)).get(userId);
	}

	Map<Long, Integer> postCounts(Collection<Long> userIds) {
		return this.posts.countByAuthors(userIds);
	}

	Post post(long id) {
		return this.posts.find(id).orElseThrow(() -> new PostNotFound(id));
	}

	/** The newest posts first. */
	Slice<Post> feed(@Nullable Long beforeId, int limit) {
		return Slice.of(this.posts.newest(beforeId, limit), limit);
	}

	/** One user's posts, newest first; a user with none is told apart from no user. */
	Slice<Post> postsBy(long authorId, @Nullable Long beforeId, int limit) {
		Slice<Post> page = Slice.of(this.posts.byAuthor(authorId, beforeId, limit), limit);
		if (page.items().isEmpty() && !this.users.exists(authorId)) {
			throw new UserNotFound(authorId);
		}
		return page;
	}

	Map<Long, Slice<Post>> postsBy(Collection<Long> authorIds, @Nullable Long beforeId, int limit) {
		Map<Long, List<Post>> rows = this.posts.byAuthors(authorIds, beforeId, limit);
		Map<Long, Slice<Post>> pages = new LinkedHashMap<>();
		authorIds.forEach((id) -> pages.put(id, Slice.of(rows.getOrDefault(id, List.of()), limit)));
		return pages;
	}

	/** One post's comments, oldest first; a post with none is told apart from no post. */
	Slice<Comment> comments(long postId, @Nullable Long afterId, int limit) {
		Slice<Comment> page = Slice.of(this.comments.ofPost(postId, afterId, limit), limit);
		if (page.items().isEmpty() && this.posts.find(postId).isEmpty()) {
			throw new PostNotFound(postId);
		}
		return page;
	}

	Map<Long, Slice<Comment>> comments(Collection<Long> postIds, @Nullable Long afterId, int limit) {
		Map<Long, List<Comment>> rows = this.comments.ofPosts(postIds, afterId, limit);
		Map<Long, Slice<Comment>> pages = new LinkedHashMap<>();
		postIds.forEach((id) -> pages.put(id, Slice.of(rows.getOrDefault(id, List.of()), limit)));
		return pages;
	}

	/**
	 * Creates a user, once per Idempotency-Key: the key is claimed with
	 * {@code INSERT … ON CONFLICT DO NOTHING} in the same transaction as the user, so a
	 * concurrent retry waits for the first to commit, then finds its user.
	 */
	@Transactional
	UserCreated createUser(UserDraft draft, @Nullable String idempotencyKey) {
		if (idempotencyKey == null) {
			return new UserCreated(this.users.insert(draft), false);
		}
		// exercise:begin idempotent-create
		String hash = hash(draft);
		int claimed = this.jdbc
			.sql("insert into user_creations (idempotency_key, request_hash) values (?, ?) on conflict do nothing")
			.params(idempotencyKey, hash)
			.update();
		if (claimed == 1) {
			User user = this.users.insert(draft);
			this.jdbc.sql("update user_creations set user_id = ? where idempotency_key = ?")
				.params(user.id(), idempotencyKey)
				.update();
			return new UserCreated(user, false);
		}
		return replay(idempotencyKey, hash);
		// exercise:end idempotent-create
	}

	private UserCreated replay(String idempotencyKey, String hash) {
		// exercise:begin idempotent-create
		Map<String, @Nullable Object> first = this.jdbc
			.sql("select request_hash, user_id from user_creations where idempotency_key = ?")
			.param(idempotencyKey)
			.query()
			.singleRow();
		if (!hash.equals(first.get("request_hash"))) {
			throw new IdempotencyKeyReused(
					"This Idempotency-Key was used for a different request body; a retry must send the same body.");
		}
		if (!(first.get("user_id") instanceof Long userId)) {
			throw new IdempotencyKeyReused("The user this Idempotency-Key created has been deleted since.");
		}
		return new UserCreated(user(userId), true);
		// exercise:end idempotent-create
	}

	/**
	 * Replaces every field, if the user is still at a version the client read (null: at
	 * whatever version it is when the UPDATE runs, last write wins).
	 */
	@Transactional
	User replaceUser(long id, UserDraft draft, @Nullable Set<Long> expectedVersions) {
		return this.users.replaceIfVersion(id, draft, expectedVersions)
			.orElseThrow(() -> (expectedVersions != null && this.users.exists(id))
					? new VersionMismatch(id, expectedVersions) : new UserNotFound(id));
	}

	/**
	 * Applies a merge patch, if the user is still at one of the expected versions (null:
	 * whatever version it is at, last write wins).
	 */
	@Transactional
	User patchUser(long id, UserPatch patch, @Nullable Set<Long> expectedVersions) {
		// FOR UPDATE: the merge is computed from this read, so no write may land between
		// it and the UPDATE. A concurrent writer makes this wait, then read its result:
		// * merges into whatever is there, an expected version is checked against it.
		User current = this.users.findForUpdate(id).orElseThrow(() -> new UserNotFound(id));
		if (expectedVersions != null && !expectedVersions.contains(current.version())) {
			throw new VersionMismatch(id, expectedVersions);
		}
		UserDraft merged = patch.applyTo(current);
		Set<ConstraintViolation<UserDraft>> violations = this.validator.validate(merged);
		if (!violations.isEmpty()) {
			throw new InvalidInput(violations.stream()
				.map((v) -> InvalidField.pointer("/" + v.getPropertyPath(), v.getMessage()))
				.sorted((a, b) -> String.valueOf(a.pointer()).compareTo(String.valueOf(b.pointer())))
				.toList());
		}
		return this.users.replaceIfVersion(id, merged, Set.of(current.version()))
			.orElseThrow(() -> new IllegalStateException("User " + id + " changed while its row was locked"));
	}

	/**
	 * Deletes a user, with its posts and comments, if at the expected version (or any).
	 */
	@Transactional
	void deleteUser(long id, @Nullable Set<Long> expectedVersions) {
		if (!this.users.deleteIfVersion(id, expectedVersions)) {
			throw (expectedVersions != null && this.users.exists(id)) ? new VersionMismatch(id, expectedVersions)
					: new UserNotFound(id);
		}
	}

	@Transactional
	Post createPost(long authorId, PostDraft draft) {
		if (!this.users.exists(authorId)) {
			throw new UserNotFound(authorId);
		}
		Post post = this.posts.insert(authorId, draft);
		this.users.bumpVersion(authorId);
		return post;
	}

	private static String hash(UserDraft draft) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(draft.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
