package dev.backendbyexample.restvsgraphql;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A user as REST represents it: every field, and the post count a profile needs (its
 * version travels in the {@code ETag} header).
 *
 * @param id the user's id
 * @param name the display name
 * @param email the email address
 * @param bio a free text; absent when there is none
 * @param postCount how many posts the user has written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UserResource(long id, String name, String email, @Nullable String bio, int postCount) {

	static UserResource of(User user, int postCount) {
		return new UserResource(user.id(), user.name(), user.email(), user.bio(), postCount);
	}

}
