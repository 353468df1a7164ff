package dev.backendbyexample.restvsgraphql;

import org.jspecify.annotations.Nullable;

/**
 * A user as stored; {@code version} counts its changes (a new post counts too, since a
 * user's representation includes the post count).
 *
 * @param id the user's id
 * @param name the display name
 * @param email the email address
 * @param bio a free text, or null
 * @param version bumped by every change
 */
record User(long id, String name, String email, @Nullable String bio, long version) {

}
