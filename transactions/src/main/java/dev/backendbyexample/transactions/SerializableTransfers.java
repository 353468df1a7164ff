package dev.backendbyexample.transactions;

import org.springframework.stereotype.Service;

/**
 * The naive read-modify-write, unchanged, but at SERIALIZABLE: PostgreSQL's serializable
 * snapshot isolation aborts any interleaving that could not have happened one transfer
 * after the other (SQLSTATE 40001), and the whole transaction is retried.
 */
@Service
class SerializableTransfers implements TransferStrategy {

	private final NaiveTransfers naive;

	private final Ledger ledger;

	private final RetryingTransactions transactions;

	SerializableTransfers(NaiveTransfers naive, Ledger ledger, RetryingTransactions transactions) {
		this.naive = naive;
		this.ledger = ledger;
		this.transactions = transactions;
	}

	@Override
	public Strategy strategy() {
		return Strategy.SERIALIZABLE;
	}

	@Override
	public Transfer transfer(TransferCommand command) {
		return this.transactions.run(strategy(), RetryingTransactions.serializable(), (failure) -> RetryingTransactions
			.hasSqlState(failure, RetryingTransactions.SERIALIZATION_FAILURE, RetryingTransactions.DEADLOCK_DETECTED),
				() -> {
					this.naive.readModifyWrite(command);
					return this.ledger.record(command, strategy());
				});
	}

}
