package dev.backendbyexample.caching;

/**
 * The client's {@code If-Match} names a version the product has moved on from: it would
 * overwrite a change it has not seen.
 */
class VersionMismatch extends RuntimeException {

	VersionMismatch(long id, long current) {
		super("Product " + id + " is at " + Product.etag(id, current) + ", not at the version If-Match names");
	}

}
