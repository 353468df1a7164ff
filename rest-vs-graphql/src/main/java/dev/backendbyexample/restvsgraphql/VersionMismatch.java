package dev.backendbyexample.restvsgraphql;

import java.util.Set;

/**
 * A write named a version of the user that is no longer the current one: someone else
 * changed it since the client read it (REST answers 412, GraphQL a CONFLICT error).
 */
class VersionMismatch extends RuntimeException {

	VersionMismatch(long id, Set<Long> expected) {
		super(message(id, expected));
	}

	private static String message(long id, Set<Long> expected) {
		if (expected.isEmpty()) {
			return "If-Match names no version of user " + id
					+ " (a weak or malformed ETag never matches): read it, then send its ETag.";
		}
		String where = (expected.size() == 1) ? "no longer at version " + expected.iterator().next()
				: "at none of the versions " + expected;
		return "User " + id + " is " + where + ": it changed since you read it. Read it again, then retry.";
	}

}
