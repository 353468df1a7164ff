package dev.backendbyexample.transactions;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and reads accounts and their history; the reads are read-only transactions, which
 * tells PostgreSQL (and the pool) that nothing will be written.
 */
@Service
class AccountService {

	private final Accounts accounts;

	private final Ledger ledger;

	AccountService(Accounts accounts, Ledger ledger) {
		this.accounts = accounts;
		this.ledger = ledger;
	}

	@Transactional
	public Account open(String owner, long balance) {
		return this.accounts.open(owner, balance);
	}

	@Transactional(readOnly = true)
	public Account account(long id) {
		return this.accounts.get(id);
	}

	@Transactional(readOnly = true)
	public List<Transfer> transfers(long accountId, int limit) {
		this.accounts.get(accountId);
		return this.ledger.findByAccount(accountId, limit);
	}

	@Transactional(readOnly = true)
	public Transfer recordedTransfer(long id) {
		return this.ledger.find(id).orElseThrow(() -> new TransferNotFound(id));
	}

	@Transactional(readOnly = true)
	public List<Transfer> latestTransfers(int limit) {
		return this.ledger.findLatest(limit);
	}

}
