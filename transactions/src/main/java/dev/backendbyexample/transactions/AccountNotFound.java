package dev.backendbyexample.transactions;

/**
 * The account does not exist.
 */
class AccountNotFound extends RuntimeException {

	AccountNotFound(long accountId) {
		super("Account " + accountId + " does not exist");
	}

}
