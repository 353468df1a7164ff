package dev.backendbyexample.restvsgraphql;

/**
 * A write named a version of the user that is no longer the current one: someone else
 * changed it since the client read it (REST answers 412, GraphQL a CONFLICT error).
 */
class VersionMismatch extends RuntimeException {

	VersionMismatch(long id, long expected) {
		super("User " + id + " is no longer at version " + expected
				+ ": it changed since you read it. Read it again, then retry.");
	}

}
