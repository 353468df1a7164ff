package dev.backendbyexample.transactions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bug, kept on purpose: read both balances, compute in Java, write them back. At READ
 * COMMITTED two transfers can read the same balance and the second write silently erases
 * the first (the lost update, see {@code LostUpdateIntegrationTests}).
 */
@Service
class NaiveTransfers implements TransferStrategy {

	private final Accounts accounts;

	private final Ledger ledger;

	NaiveTransfers(Accounts accounts, Ledger ledger) {
		this.accounts = accounts;
		this.ledger = ledger;
	}

	@Override
	public Strategy strategy() {
		return Strategy.NAIVE;
	}

	@Override
	@Transactional
	public Transfer transfer(TransferCommand command) {
		readModifyWrite(command);
		return this.ledger.record(command, strategy());
	}

	/**
	 * Plain reads, then absolute writes. Correct on its own, wrong as soon as another
	 * transaction writes between the read and the write; {@link SerializableTransfers}
	 * runs this very method and is correct, because SERIALIZABLE aborts that
	 * interleaving. Public so that calls through this bean's transactional proxy reach
	 * it; it joins the caller's transaction.
	 */
	public void readModifyWrite(TransferCommand command) {
		Account from = this.accounts.get(command.from());
		Account to = this.accounts.get(command.to());
		if (from.balance() < command.amount()) {
			throw new InsufficientFunds(from.id(), command.amount());
		}
		long newFromBalance = from.balance() - command.amount();
		long newToBalance = Math.addExact(to.balance(), command.amount());
		// Writes in id order like every strategy here, so two of them cannot deadlock.
		if (from.id() < to.id()) {
			this.accounts.setBalance(from.id(), newFromBalance);
			this.accounts.setBalance(to.id(), newToBalance);
		}
		else {
			this.accounts.setBalance(to.id(), newToBalance);
			this.accounts.setBalance(from.id(), newFromBalance);
		}
	}

}
