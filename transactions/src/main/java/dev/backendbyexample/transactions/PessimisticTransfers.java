package dev.backendbyexample.transactions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks both rows with {@code SELECT ... FOR UPDATE} before reading them, lowest id
 * first: concurrent transfers on the same account queue up instead of racing, and since
 * every transfer takes its locks in the same global order, no two can wait for each other
 * in a cycle (no deadlock).
 */
@Service
class PessimisticTransfers implements TransferStrategy {

	private final Accounts accounts;

	private final Ledger ledger;

	PessimisticTransfers(Accounts accounts, Ledger ledger) {
		this.accounts = accounts;
		this.ledger = ledger;
	}

	@Override
	public Strategy strategy() {
		return Strategy.PESSIMISTIC;
	}

	@Override
	@Transactional
	public Transfer transfer(TransferCommand command) {
		// exercise:begin lock-order
		// Locking in "from, to" order instead would deadlock A->B against B->A
		// (DeadlockIntegrationTests shows PostgreSQL aborting one of them with 40P01).
		Account first = this.accounts.lock(command.firstInLockOrder());
		Account second = this.accounts.lock(command.secondInLockOrder());
		Account from = (first.id() == command.from()) ? first : second;
		Account to = (first.id() == command.from()) ? second : first;
		if (from.balance() < command.amount()) {
			throw new InsufficientFunds(from.id(), command.amount());
		}
		// Read-compute-write is safe here: nobody else can write these rows until commit.
		this.accounts.setBalance(from.id(), from.balance() - command.amount());
		this.accounts.setBalance(to.id(), Math.addExact(to.balance(), command.amount()));
		return this.ledger.record(command, strategy());
		// exercise:end lock-order
	}

}
