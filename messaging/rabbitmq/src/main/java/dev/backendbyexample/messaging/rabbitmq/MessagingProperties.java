package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The knobs this module exists to turn: how many consumers share the work queue, how
 * often and how slowly a failed job is retried, and when the broker gives up on a
 * message.
 *
 * @param fulfilmentConsumers competing consumers on the work queue, per instance
 * @param maxAttempts deliveries of one job before it is dead-lettered (the first one
 * included)
 * @param firstRetryDelay delay before the second attempt; each later one doubles it
 * @param deliveryLimit the quorum queues' broker-side guard: redeliveries of an unacked
 * message before the broker dead-letters it itself
 * @param confirmTimeout how long a publish waits for the broker's confirm before it is
 * reported unconfirmed (and published again)
 * @param relayBatch outbox rows published per round, confirms awaited together
 */
@ConfigurationProperties("messaging")
record MessagingProperties(@DefaultValue("2") int fulfilmentConsumers, @DefaultValue("4") int maxAttempts,
		@DefaultValue("1s") Duration firstRetryDelay, @DefaultValue("5") int deliveryLimit,
		@DefaultValue("5s") Duration confirmTimeout, @DefaultValue("200") int relayBatch) {

	/** Delay before retry {@code n} (1-based): first, twice that, four times… */
	Duration retryDelay(int n) {
		return this.firstRetryDelay.multipliedBy(1L << (n - 1));
	}

	int retryLevels() {
		return this.maxAttempts - 1;
	}

}
