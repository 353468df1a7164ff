package dev.backendbyexample.transactions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * No read at all: {@code UPDATE account SET balance = balance - ? WHERE id = ? AND
 * balance >= ?} checks and debits in one statement, under the row lock the update takes,
 * so there is no window for a lost update and nothing to retry.
 */
@Service
class AtomicUpdateTransfers implements TransferStrategy {

	private final Accounts accounts;

	private final Ledger ledger;

	AtomicUpdateTransfers(Accounts accounts, Ledger ledger) {
		this.accounts = accounts;
		this.ledger = ledger;
	}

	@Override
	public Strategy strategy() {
		return Strategy.ATOMIC_UPDATE;
	}

	@Override
	@Transactional
	public Transfer transfer(TransferCommand command) {
		// The two updates lock their rows; doing them in id order keeps A->B and B->A
		// from deadlocking. When the credit comes first and the debit then fails, the
		// rollback takes the credit back.
		if (command.from() < command.to()) {
			debit(command);
			credit(command);
		}
		else {
			credit(command);
			debit(command);
		}
		return this.ledger.record(command, strategy());
	}

	private void debit(TransferCommand command) {
		if (!this.accounts.debitIfCovered(command.from(), command.amount())) {
			// Zero rows: either no such account, or the balance did not cover it.
			this.accounts.get(command.from());
			throw new InsufficientFunds(command.from(), command.amount());
		}
	}

	private void credit(TransferCommand command) {
		if (!this.accounts.credit(command.to(), command.amount())) {
			throw new AccountNotFound(command.to());
		}
	}

}
