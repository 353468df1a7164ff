package dev.backendbyexample.restvsgraphql;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new post: the body of {@code POST /users/{id}/posts} and GraphQL's
 * {@code CreatePostInput}.
 *
 * @param title the title
 * @param body the text
 */
record PostDraft(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 5000) String body) {

}
