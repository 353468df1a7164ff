package dev.backendbyexample.security.jwt;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user as answered: never the hash.
 *
 * @param id the id (the token's {@code sub})
 * @param username the login name
 * @param displayName the name shown to others
 * @param roles what the user may do
 */
record UserView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "alice") String username,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Alice") String displayName,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Role> roles) {

	static UserView of(User user) {
		return new UserView(user.id(), user.username(), user.displayName(), user.roles().stream().sorted().toList());
	}

}
