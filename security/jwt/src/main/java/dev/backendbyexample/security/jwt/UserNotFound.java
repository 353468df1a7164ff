package dev.backendbyexample.security.jwt;

/**
 * Thrown when an admin names a user that does not exist.
 */
class UserNotFound extends RuntimeException {

	UserNotFound() {
		super("No such user.");
	}

}
