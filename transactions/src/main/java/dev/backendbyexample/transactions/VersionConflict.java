package dev.backendbyexample.transactions;

/**
 * An optimistic write found the row at another version than it read: a concurrent
 * transfer committed first, so this attempt rolls back and starts over.
 */
class VersionConflict extends RuntimeException {

	VersionConflict(long accountId, long version) {
		super("Account " + accountId + " is no longer at version " + version);
	}

}
