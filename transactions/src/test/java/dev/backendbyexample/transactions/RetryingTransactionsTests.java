package dev.backendbyexample.transactions;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures count as a lost race worth retrying.
 */
class RetryingTransactionsTests {

	@Test
	void serializationFailureIsFoundAnywhereInTheCauseChain() {
		Exception translated = new PessimisticLockingFailureException("could not serialize",
				new SQLException("could not serialize access", "40001"));

		assertThat(RetryingTransactions.hasSqlState(translated, RetryingTransactions.SERIALIZATION_FAILURE)).isTrue();
	}

	@Test
	void otherSqlStatesAndPlainExceptionsAreNotRetried() {
		assertThat(RetryingTransactions.hasSqlState(new SQLException("duplicate key", "23505"),
				RetryingTransactions.SERIALIZATION_FAILURE, RetryingTransactions.DEADLOCK_DETECTED))
			.isFalse();
		assertThat(RetryingTransactions.hasSqlState(new InsufficientFunds(1, 10),
				RetryingTransactions.SERIALIZATION_FAILURE))
			.isFalse();
		assertThat(RetryingTransactions.hasSqlState(null, RetryingTransactions.SERIALIZATION_FAILURE)).isFalse();
	}

}
