package dev.backendbyexample.restvsgraphql;

import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL writes: the same service calls as REST's POST, PATCH and DELETE. GraphQL
 * has no If-Match: the expected version travels as an argument instead.
 */
@Controller
class GraphQlMutations {

	private final Blog blog;

	GraphQlMutations(Blog blog) {
		this.blog = blog;
	}

	@MutationMapping
	User createUser(@Argument @Valid UserDraft input,
			@Argument @Nullable @Size(min = 1, max = 255) String idempotencyKey) {
		return this.blog.createUser(input, idempotencyKey).user();
	}

	@MutationMapping
	User updateUser(@Argument long id, @Argument Map<String, Object> input, @Argument @Nullable Long expectedVersion) {
		return this.blog.patchUser(id, UserPatch.of(input), versions(expectedVersion));
	}

	@MutationMapping
	long deleteUser(@Argument long id, @Argument @Nullable Long expectedVersion) {
		this.blog.deleteUser(id, versions(expectedVersion));
		return id;
	}

	@MutationMapping
	Post createPost(@Argument long authorId, @Argument @Valid PostDraft input) {
		return this.blog.createPost(authorId, input);
	}

	private static @Nullable Set<Long> versions(@Nullable Long expectedVersion) {
		return (expectedVersion != null) ? Set.of(expectedVersion) : ETags.ANY;
	}

}
