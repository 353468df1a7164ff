package dev.backendbyexample.restvsgraphql;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A user's writable fields: the body of {@code POST /users} and {@code PUT /users/{id}}
 * (PUT replaces all of them, so a missing bio removes it) and GraphQL's
 * {@code CreateUserInput}.
 *
 * @param name the display name
 * @param email the email address
 * @param bio a free text, or null
 */
record UserDraft(@NotBlank @Size(max = 100) String name, @NotNull @Email @Size(max = 254) String email,
		@Nullable @Size(max = 1000) String bio) {

}
