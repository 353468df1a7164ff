package dev.backendbyexample.restvsgraphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL reads, batched: every nested field is loaded for all the parents of a level
 * at once ({@code @BatchMapping}, or a DataLoader when the field takes arguments), so a
 * response costs one SQL statement per level, however many parents it has.
 */
@Controller
class GraphQlQueries {

	private final Blog blog;

	GraphQlQueries(Blog blog, BatchLoaderRegistry loaders) {
		this.blog = blog;
		// A connection field takes first/after, which @BatchMapping cannot pass: the key
		// carries them, and each batch groups its keys by them (one statement per group).
		loaders.<CommentsOf, Connection<Comment>>forName("commentsOf")
			.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> load(keys, CommentsOf::page,
					(page, ids) -> blog.comments(ids, page.after(), page.first()), CommentsOf::postId, Comment::id)));
		loaders.<PostsOf, Connection<Post>>forName("postsOf")
			.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> load(keys, PostsOf::page,
					(page, ids) -> blog.postsBy(ids, page.after(), page.first()), PostsOf::authorId, Post::id)));
	}

	@QueryMapping
	User user(@Argument long id) {
		return this.blog.user(id);
	}

	@QueryMapping
	Connection<User> users(@Argument int first, @Argument @Nullable String after) {
		return Connection.of(this.blog.users(Cursor.decode(after, "after"), PageSize.of(first)), User::id);
	}

	@QueryMapping
	Post post(@Argument long id) {
		return this.blog.post(id);
	}

	@QueryMapping
	Connection<Post> posts(@Argument int first, @Argument @Nullable String after) {
		return Connection.of(this.blog.feed(Cursor.decode(after, "after"), PageSize.of(first)), Post::id);
	}

	@BatchMapping(typeName = "Post")
	Map<Post, User> author(List<Post> posts) {
		// exercise:begin batch-authors
		Map<Long, User> users = this.blog.users(posts.stream().map(Post::authorId).distinct().toList());
		return posts.stream().distinct().collect(Collectors.toMap(Function.identity(), (p) -> users.get(p.authorId())));
		// exercise:end batch-authors
	}

	@BatchMapping(typeName = "Comment", field = "author")
	Map<Comment, User> commentAuthor(List<Comment> comments) {
		Map<Long, User> users = this.blog.users(comments.stream().map(Comment::authorId).distinct().toList());
		return comments.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(), (c) -> users.get(c.authorId())));
	}

	@BatchMapping(typeName = "User")
	Map<User, Integer> postCount(List<User> users) {
		Map<Long, Integer> counts = this.blog.postCounts(users.stream().map(User::id).distinct().toList());
		return users.stream().distinct().collect(Collectors.toMap(Function.identity(), (u) -> counts.get(u.id())));
	}

	@SchemaMapping(typeName = "Post")
	CompletableFuture<Connection<Comment>> comments(Post post, @Argument int first, @Argument @Nullable String after,
			DataLoader<CommentsOf, Connection<Comment>> commentsOf) {
		return commentsOf.load(new CommentsOf(post.id(), new PageOf(PageSize.of(first), after)));
	}

	@SchemaMapping(typeName = "User")
	CompletableFuture<Connection<Post>> posts(User user, @Argument int first, @Argument @Nullable String after,
			DataLoader<PostsOf, Connection<Post>> postsOf) {
		return postsOf.load(new PostsOf(user.id(), new PageOf(PageSize.of(first), after)));
	}

	/** Loads a batch of keys: one service call per distinct page argument. */
	private static <K, T> Map<K, Connection<T>> load(Collection<K> keys, Function<K, PageOf> page, PageLoader<T> loader,
			Function<K, Long> parent, ToLongFunction<T> id) {
		Map<K, Connection<T>> result = new LinkedHashMap<>();
		keys.stream().collect(Collectors.groupingBy(page)).forEach((args, group) -> {
			Map<Long, Slice<T>> slices = loader.load(args, group.stream().map(parent).distinct().toList());
			group.forEach((key) -> result.put(key, Connection.of(slices.get(parent.apply(key)), id)));
		});
		return result;
	}

	@FunctionalInterface
	private interface PageLoader<T> {

		Map<Long, Slice<T>> load(PageOf page, List<Long> parentIds);

	}

	/**
	 * The page arguments of a connection field.
	 *
	 * @param first how many
	 * @param cursor after which
	 */
	record PageOf(int first, @Nullable String cursor) {

		/**
		 * The id the cursor names (for newest-first lists, the one to continue below).
		 */
		@Nullable Long after() {
			return Cursor.decode(this.cursor, "after");
		}

	}

	/**
	 * Which comments: of which post, which page.
	 *
	 * @param postId the post
	 * @param page the page
	 */
	record CommentsOf(long postId, PageOf page) {

	}

	/**
	 * Which posts: of which author, which page.
	 *
	 * @param authorId the author
	 * @param page the page
	 */
	record PostsOf(long authorId, PageOf page) {

	}

}
