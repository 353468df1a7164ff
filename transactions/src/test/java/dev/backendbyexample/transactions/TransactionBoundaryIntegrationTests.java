package dev.backendbyexample.transactions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Debit, credit and ledger row commit together or not at all, whatever the strategy.
 */
@TransactionsIntegrationTest
class TransactionBoundaryIntegrationTests {

	@Autowired
	TransferService transfers;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void failureAfterTheDebitLeavesBothBalancesUnchanged(Strategy strategy) {
		long alice = this.accounts.open("alice", 100).id();
		long bob = this.accounts.open("bob", 0).id();
		TransferCommand command = new TransferCommand(alice, bob, 30, "key-" + strategy);
		TransferStrategy moves = this.transfers.strategyFor(strategy);
		moves.transfer(command);

		// Called directly, the strategy has no idempotency pre-check: it debits Alice,
		// credits Bob, and only then fails, on the ledger's unique key.
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> moves.transfer(command));

		assertThat(this.accounts.account(alice).balance()).isEqualTo(70);
		assertThat(this.accounts.account(bob).balance()).isEqualTo(30);
		assertThat(ledgerRowsFrom(alice)).isOne();
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void transferToMissingAccountThenAccountNotFoundAndNothingChanges(Strategy strategy) {
		long alice = this.accounts.open("alice", 100).id();
		// A higher id: atomic-update debits Alice before its credit finds no row, and
		// the rollback must take the debit back; the others fail before any write.
		long missing = alice + 1_000_000;

		assertThatExceptionOfType(AccountNotFound.class)
			.isThrownBy(() -> this.transfers.transfer(new TransferCommand(alice, missing, 30), strategy));

		assertThat(this.accounts.account(alice).balance()).isEqualTo(100);
		assertThat(ledgerRowsFrom(alice)).isZero();
	}

	@ParameterizedTest
	@EnumSource(Strategy.class)
	void transferWhenBalanceTooLowThenRejectedAndNothingChanges(Strategy strategy) {
		long alice = this.accounts.open("alice", 100).id();
		long bob = this.accounts.open("bob", 0).id();

		assertThatExceptionOfType(InsufficientFunds.class)
			.isThrownBy(() -> this.transfers.transfer(new TransferCommand(alice, bob, 101), strategy));

		assertThat(this.accounts.account(alice).balance()).isEqualTo(100);
		assertThat(this.accounts.account(bob).balance()).isZero();
		assertThat(ledgerRowsFrom(alice)).isZero();
	}

	@ParameterizedTest
	@EnumSource(names = { "OPTIMISTIC", "SERIALIZABLE" })
	void retryingStrategyInsideACallersTransactionIsRefusedBecauseItCouldNotRetry(Strategy strategy) {
		long alice = this.accounts.open("alice", 100).id();
		long bob = this.accounts.open("bob", 0).id();
		TransactionTemplate callers = new TransactionTemplate(this.transactionManager);

		assertThatIllegalStateException().isThrownBy(() -> callers
			.executeWithoutResult((status) -> this.transfers.transfer(new TransferCommand(alice, bob, 30), strategy)));

		assertThat(this.accounts.account(alice).balance()).isEqualTo(100);
		assertThat(ledgerRowsFrom(alice)).isZero();
	}

	private int ledgerRowsFrom(long account) {
		return this.jdbc.sql("select count(*) from transfer where from_account = ?")
			.param(account)
			.query(Integer.class)
			.single();
	}

}
