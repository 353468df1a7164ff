package dev.backendbyexample.restvsgraphql;

/**
 * A write without {@code If-Match}: this API refuses to overwrite what the client has not
 * seen (428), so that no lost update happens silently.
 */
class PreconditionRequired extends RuntimeException {

	PreconditionRequired() {
		super("This write needs an If-Match header with the ETag you read (or * to overwrite whatever is there).");
	}

}
