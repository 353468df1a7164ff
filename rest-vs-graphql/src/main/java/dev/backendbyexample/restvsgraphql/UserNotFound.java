package dev.backendbyexample.restvsgraphql;

/**
 * No user has the given id (never had, or was deleted).
 */
class UserNotFound extends RuntimeException {

	UserNotFound(long id) {
		super("No user has id " + id + ".");
	}

}
