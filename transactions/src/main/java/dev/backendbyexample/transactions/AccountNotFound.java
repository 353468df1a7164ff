package dev.backendbyexample.transactions;

/**
 * The account does not exist.
 */
class AccountNotFound extends RuntimeException {

	private final long accountId;

	public AccountNotFound(long accountId) {
		super("Account " + accountId + " does not exist");
		this.accountId = accountId;
	}

	public long accountId() {
		return this.accountId;
	}

}
