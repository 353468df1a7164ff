package dev.backendbyexample.transactions;

import org.springframework.stereotype.Service;

/**
 * Reads without locking, then writes each row only if its version is still the one read
 * ({@code UPDATE ... WHERE version = ?}). A conflict rolls the attempt back and the whole
 * transaction is retried with backoff, a bounded number of times, then answered with 409.
 */
@Service
class OptimisticTransfers implements TransferStrategy {

	private final Accounts accounts;

	private final Ledger ledger;

	private final RetryingTransactions transactions;

	OptimisticTransfers(Accounts accounts, Ledger ledger, RetryingTransactions transactions) {
		this.accounts = accounts;
		this.ledger = ledger;
		this.transactions = transactions;
	}

	@Override
	public Strategy strategy() {
		return Strategy.OPTIMISTIC;
	}

	@Override
	public Transfer transfer(TransferCommand command) {
		return this.transactions.run(strategy(), RetryingTransactions.readCommitted(),
				(failure) -> failure instanceof VersionConflict, () -> attempt(command));
	}

	private Transfer attempt(TransferCommand command) {
		// exercise:begin optimistic
		Account from = this.accounts.get(command.from());
		Account to = this.accounts.get(command.to());
		if (from.balance() < command.amount()) {
			throw new InsufficientFunds(from.id(), command.amount());
		}
		Account first = (from.id() < to.id()) ? from : to;
		Account second = (first == from) ? to : from;
		write(first, (first == from) ? -command.amount() : command.amount());
		write(second, (second == from) ? -command.amount() : command.amount());
		return this.ledger.record(command, strategy());
		// exercise:end optimistic
	}

	private void write(Account account, long delta) {
		// exercise:begin optimistic
		if (!this.accounts.setBalanceIfVersion(account.id(), Math.addExact(account.balance(), delta),
				account.version())) {
			throw new VersionConflict(account.id(), account.version());
		}
		// exercise:end optimistic
	}

}
