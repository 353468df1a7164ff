package dev.backendbyexample.transactions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings: the default strategy and the retry budget of the strategies that retry.
 *
 * @param strategy the strategy of a transfer that does not name one
 * @param retry how the optimistic and serializable strategies retry
 */
@ConfigurationProperties("transactions")
record TransactionsProperties(@DefaultValue("pessimistic") Strategy strategy, @DefaultValue Retry retry) {

	/**
	 * A bounded, exponential, jittered retry.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff the wait before the second attempt
	 * @param maxBackoff the longest wait between two attempts
	 */
	record Retry(@DefaultValue("10") int maxAttempts, @DefaultValue("2ms") Duration initialBackoff,
			@DefaultValue("100ms") Duration maxBackoff) {
	}

}
