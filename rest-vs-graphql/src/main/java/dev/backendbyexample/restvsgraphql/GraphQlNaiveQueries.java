package dev.backendbyexample.restvsgraphql;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The same feed resolved the obvious way, one parent at a time: each post's author and
 * comments cost one SQL statement per post, so a page of N posts costs 1 + 2N. It is what
 * a GraphQL server does unless batching is built in; compare {@link GraphQlQueries}.
 */
@Controller
class GraphQlNaiveQueries {

	private final Blog blog;

	GraphQlNaiveQueries(Blog blog) {
		this.blog = blog;
	}

	@QueryMapping
	Connection<Post> postsWithoutBatching(@Argument int first, @Argument @Nullable String after) {
		return Connection.of(this.blog.feed(Cursor.decode(after, "after"), PageSize.of(first)), Post::id);
	}

	@SchemaMapping(typeName = "NaivePost")
	User author(Post post) {
		return this.blog.user(post.authorId());
	}

	@SchemaMapping(typeName = "NaivePost")
	Connection<Comment> comments(Post post, @Argument int first, @Argument @Nullable String after) {
		return Connection.of(this.blog.comments(post.id(), Cursor.decode(after, "after"), PageSize.of(first)),
				Comment::id);
	}

}
