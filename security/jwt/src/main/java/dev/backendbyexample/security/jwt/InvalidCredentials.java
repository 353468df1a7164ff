package dev.backendbyexample.security.jwt;

/**
 * Thrown for an unknown username and for a wrong password alike: one message, so the
 * answer does not tell which accounts exist.
 */
class InvalidCredentials extends RuntimeException {

	InvalidCredentials() {
		super("The username or password is incorrect.");
	}

}
