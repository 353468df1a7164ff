package dev.backendbyexample.security.jwt;

import java.util.Set;
import java.util.UUID;

/**
 * A user as stored: the password only as its hash, prefixed with the scheme's id
 * ({@code {argon2@SpringSecurity_v5_8}…}, {@code {bcrypt}…}).
 *
 * @param id a random id, the token's {@code sub}
 * @param username the login name, lower case
 * @param passwordHash the password hash with its scheme
 * @param displayName the name shown to others
 * @param roles what the user may do
 */
record User(UUID id, String username, String passwordHash, String displayName, Set<Role> roles) {

	@Override
	public String toString() {
		// A record's toString would print the hash into any log line that prints a user.
		return "User[id=" + this.id + ", username=" + this.username + ", roles=" + this.roles + "]";
	}

}
