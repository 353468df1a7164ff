package dev.backendbyexample.security.jwt;

/**
 * Thrown when a registration picks a username someone already has.
 */
class UsernameTaken extends RuntimeException {

	UsernameTaken() {
		super("This username is taken.");
	}

}
