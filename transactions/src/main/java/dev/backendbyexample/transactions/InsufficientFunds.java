package dev.backendbyexample.transactions;

/**
 * The debit would take the account below zero, so the transfer was rejected.
 */
class InsufficientFunds extends RuntimeException {

	InsufficientFunds(long accountId, long amount) {
		super("Account " + accountId + " cannot cover " + amount);
	}

}
