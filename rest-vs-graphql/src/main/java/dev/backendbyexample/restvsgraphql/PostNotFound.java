package dev.backendbyexample.restvsgraphql;

/**
 * No post has the given id.
 */
class PostNotFound extends RuntimeException {

	PostNotFound(long id) {
		super("No post has id " + id + ".");
	}

}
