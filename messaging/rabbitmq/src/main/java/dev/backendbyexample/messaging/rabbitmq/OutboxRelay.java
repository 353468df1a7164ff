package dev.backendbyexample.messaging.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox: takes the pending rows, publishes them with confirms, and records
 * each outcome. A row the broker did not confirm stays {@code PENDING} and is published
 * again on the next round (every second, or at once when an order is placed): a message
 * is published at least once, never silently dropped, and consumers must be idempotent.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final Duration ROUND = Duration.ofSeconds(1);

	private final Outbox outbox;

	private final ConfirmingPublisher publisher;

	private final TransactionTemplate transaction;

	private final MessagingProperties properties;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile @Nullable Thread thread;

	OutboxRelay(Outbox outbox, ConfirmingPublisher publisher, TransactionTemplate transaction,
			MessagingProperties properties) {
		this.outbox = outbox;
		this.publisher = publisher;
		this.transaction = transaction;
		this.properties = properties;
	}

	void wakeUp() {
		this.wakeUps.release();
	}

	/**
	 * One round: publishes up to a batch of pending rows and records the outcomes, in one
	 * transaction that holds the rows' locks. Returns how many rows it settled (confirmed
	 * or returned).
	 */
	int relayOnce() {
		Integer settled = this.transaction.execute((status) -> {
			List<Outbox.Entry> entries = this.outbox.lockPending(this.properties.relayBatch());
			if (entries.isEmpty()) {
				return 0;
			}
			Map<String, ConfirmingPublisher.Outcome> outcomes = this.publisher
				.publish(entries.stream().map(OutboxRelay::outgoing).toList(), this.properties.confirmTimeout());
			int done = 0;
			for (Outbox.Entry entry : entries) {
				ConfirmingPublisher.Outcome outcome = outcomes.get(entry.messageId().toString());
				String state = switch (outcome.status()) {
					case CONFIRMED -> "CONFIRMED";
					case RETURNED -> "RETURNED";
					case UNCONFIRMED -> "PENDING";
				};
				if (outcome.status() == ConfirmingPublisher.Status.RETURNED) {
					logger.warn("Unroutable: message " + entry.messageId() + " " + outcome.detail());
				}
				else if (outcome.status() == ConfirmingPublisher.Status.UNCONFIRMED) {
					logger
						.warn("Unconfirmed, will publish again: message " + entry.messageId() + " " + outcome.detail());
				}
				this.outbox.settle(entry.messageId(), state, outcome.detail());
				done += state.equals("PENDING") ? 0 : 1;
			}
			return done;
		});
		return (settled != null) ? settled : 0;
	}

	private static ConfirmingPublisher.Outgoing outgoing(Outbox.Entry entry) {
		Message message = MessageBuilder.withBody(entry.body().getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setMessageId(entry.messageId().toString())
			.build();
		return new ConfirmingPublisher.Outgoing(entry.messageId().toString(), entry.exchange(), entry.routingKey(),
				message);
	}

	private void run() {
		while (this.thread == Thread.currentThread()) {
			try {
				this.wakeUps.tryAcquire(ROUND.toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUps.drainPermits();
				// A full batch settled: there may be more at once.
				while (relayOnce() == this.properties.relayBatch()) {
					Thread.onSpinWait();
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// The database or the broker is down: the rows stay pending, the next
				// round tries again.
				logger.warn("Outbox round failed, retrying in " + ROUND.toSeconds() + " s: " + ex.getMessage());
			}
		}
	}

	@Override
	public void start() {
		// Assigned before it starts: the loop runs while it is the relay's thread.
		Thread relay = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::run);
		this.thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
