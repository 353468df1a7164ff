package dev.backendbyexample.transactions;

import java.sql.SQLException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Runs a whole transaction again when a concurrent writer won: the retry loop sits
 * <em>outside</em> the transaction, because PostgreSQL aborts the failed one and nothing
 * can be salvaged from it.
 */
@Component
class RetryingTransactions {

	/** SQLSTATE of "could not serialize access": only ever fixed by starting over. */
	static final String SERIALIZATION_FAILURE = "40001";

	/**
	 * SQLSTATE of "deadlock detected": PostgreSQL rolled this side back to free the
	 * other.
	 */
	static final String DEADLOCK_DETECTED = "40P01";

	private final PlatformTransactionManager transactionManager;

	private final TransactionsProperties.Retry settings;

	private final MeterRegistry meters;

	RetryingTransactions(PlatformTransactionManager transactionManager, TransactionsProperties properties,
			MeterRegistry meters) {
		this.transactionManager = transactionManager;
		this.settings = properties.retry();
		this.meters = meters;
	}

	/**
	 * Runs {@code work} in a transaction at the given isolation level, retrying with
	 * exponential backoff while {@code retryable} says the failure was a lost race.
	 * @throws RetriesExhausted when the last attempt failed that way too
	 */
	<T> T run(Strategy strategy, int isolation, Predicate<Throwable> retryable, Supplier<T> work) {
		// Called inside a caller's transaction, the template would join it instead of
		// beginning one, and every retry would run in the transaction PostgreSQL had
		// already aborted: the retry loop must be the outermost thing.
		Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
				"A retrying strategy must not run inside a transaction it cannot retry");
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.setIsolationLevel(isolation);
		RetryTemplate retry = new RetryTemplate(policy(retryable));
		Counter retries = this.meters.counter("transfers.retries", "strategy", strategy.slug());
		retry.setRetryListener(new RetryListener() {

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				retries.increment();
			}

		});
		try {
			return retry.execute(() -> transaction.execute((status) -> work.get()));
		}
		catch (RetryException ex) {
			if (retryable.test(ex.getCause())) {
				throw new RetriesExhausted(strategy, ex.getRetryCount() + 1, ex.getCause());
			}
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * READ COMMITTED, by leaving PostgreSQL's default alone: asking for it explicitly
	 * costs a round trip per transaction (the driver asks the server for the current
	 * level before setting it).
	 */
	static int readCommitted() {
		return TransactionDefinition.ISOLATION_DEFAULT;
	}

	static int serializable() {
		return TransactionDefinition.ISOLATION_SERIALIZABLE;
	}

	private RetryPolicy policy(Predicate<Throwable> retryable) {
		return RetryPolicy.builder()
			.maxRetries(this.settings.maxAttempts() - 1)
			.delay(this.settings.initialBackoff())
			.multiplier(2)
			.maxDelay(this.settings.maxBackoff())
			// Jitter spreads the losers out, so they do not collide again in lockstep.
			.jitter(this.settings.initialBackoff().dividedBy(2))
			.predicate(retryable)
			.build();
	}

	/** Whether PostgreSQL rolled the transaction back with one of the given SQLSTATEs. */
	static boolean hasSqlState(@Nullable Throwable failure, String... states) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				for (String state : states) {
					if (state.equals(sql.getSQLState())) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
