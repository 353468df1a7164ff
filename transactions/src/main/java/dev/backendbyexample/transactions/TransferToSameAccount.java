package dev.backendbyexample.transactions;

/**
 * A transfer must move money between two different accounts.
 */
class TransferToSameAccount extends RuntimeException {

	TransferToSameAccount(long accountId) {
		super("Cannot transfer from account " + accountId + " to itself");
	}

}
