package dev.backendbyexample.caching;

/**
 * A write came without {@code If-Match}: it could overwrite a change the client never
 * saw.
 */
class PreconditionRequired extends RuntimeException {

	PreconditionRequired() {
		super("Send If-Match with the ETag of the version you read (or * to write whatever the version)");
	}

}
