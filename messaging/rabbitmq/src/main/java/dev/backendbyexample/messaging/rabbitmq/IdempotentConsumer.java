package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every consumer here handles a delivery (manual acknowledgement):
 * <ol>
 * <li>read and validate it; a poison message goes straight to the dead-letter exchange
 * with its reason in {@value #REASON}, and is acked;</li>
 * <li>in one PostgreSQL transaction, record (consumer, message id) and apply the effect —
 * a message already recorded is a redelivery, and is skipped;</li>
 * <li>acknowledge only after the commit: a crash before the ack means redelivery, never
 * loss, and step 2 makes the redelivery harmless.</li>
 * </ol>
 * A {@link TransientFailure} on the work queue is retried through a delay queue, with the
 * delay doubling, then dead-lettered; anything else (a bug, the database down) is
 * requeued, and the quorum queue's delivery limit is the broker-side guard against a
 * loop.
 */
@Component
class IdempotentConsumer {

	private static final Log logger = LogFactory.getLog(IdempotentConsumer.class);

	/** Why a message was dead-lettered by this application. */
	static final String REASON = "x-dead-letter-reason";

	/** The queue it was dead-lettered from. */
	static final String ORIGINAL_QUEUE = "x-original-queue";

	/** Which delivery attempt this is, 1-based; the retry queues carry it forward. */
	static final String ATTEMPT = "x-attempt";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final Validator validator;

	private final ConfirmingPublisher publisher;

	private final MessagingProperties properties;

	private final ConsumerCounters counters;

	private final ObjectProvider<BeforeAck> beforeAck;

	IdempotentConsumer(JdbcClient jdbc, TransactionTemplate transaction, JsonMapper json, Validator validator,
			ConfirmingPublisher publisher, MessagingProperties properties, ConsumerCounters counters,
			ObjectProvider<BeforeAck> beforeAck) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.json = json;
		this.validator = validator;
		this.publisher = publisher;
		this.properties = properties;
		this.counters = counters;
		this.beforeAck = beforeAck;
	}

	void consume(String consumer, Message message, Channel channel, Consumer<OrderPlaced> effect) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		try {
			UUID messageId = messageId(message);
			OrderPlaced order = read(message);
			if (applyOnce(consumer, messageId, order, effect)) {
				this.counters.count(consumer, ConsumerCounters.APPLIED);
				this.beforeAck.ifAvailable((hook) -> hook.committed(consumer, messageId));
			}
			else {
				this.counters.count(consumer, ConsumerCounters.DUPLICATE);
			}
			channel.basicAck(tag, false);
		}
		catch (PoisonMessage ex) {
			forward(consumer, message, channel, Topology.DEAD_LETTERS, consumer, ex.getMessage(),
					ConsumerCounters.DEAD_LETTERED);
		}
		catch (TransientFailure ex) {
			retryLaterOrDeadLetter(consumer, message, channel, ex);
		}
		catch (RuntimeException ex) {
			logger.warn(consumer + ": requeued message " + message.getMessageProperties().getMessageId()
					+ " after an unexpected failure: " + ex);
			this.counters.count(consumer, ConsumerCounters.REQUEUED);
			channel.basicNack(tag, false, true);
		}
	}

	/**
	 * Bounded retry with exponential backoff, on the work queue only: attempt {@code n}
	 * waits in delay queue {@code n} (first-retry-delay · 2^(n-1)), which dead-letters it
	 * back to the work queue; after max-attempts, the dead-letter exchange, with the
	 * reason. The retry is a copy carrying its attempt number in {@value #ATTEMPT}.
	 */
	private void retryLaterOrDeadLetter(String consumer, Message message, Channel channel, TransientFailure failure)
			throws IOException {
		// exercise:begin retry-backoff
		int attempt = attempt(message);
		if (consumer.equals(Topology.FULFILMENT) && attempt < this.properties.maxAttempts()) {
			forward(consumer, withAttempt(message, attempt + 1), channel, "", Topology.retryQueue(attempt),
					failure.getMessage(), ConsumerCounters.RETRIED);
		}
		else {
			forward(consumer, message, channel, Topology.DEAD_LETTERS, consumer,
					"Retries exhausted after " + attempt + " attempts: " + failure.getMessage(),
					ConsumerCounters.DEAD_LETTERED);
		}
		// exercise:end retry-backoff
	}

	/**
	 * The inbox row and the effect commit together or not at all; {@code ON CONFLICT DO
	 * NOTHING} waits for a concurrent insert of the same id (a duplicate being applied by
	 * another consumer right now) and then skips it.
	 */
	private boolean applyOnce(String consumer, UUID messageId, OrderPlaced order, Consumer<OrderPlaced> effect) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			int recorded = this.jdbc.sql("""
					insert into processed_messages (consumer, message_id, order_id) values (?, ?, ?)
					on conflict do nothing""").params(consumer, messageId, order.orderId()).update();
			if (recorded == 0) {
				return false;
			}
			effect.accept(order);
			return true;
		}));
	}

	private static UUID messageId(Message message) {
		String id = message.getMessageProperties().getMessageId();
		if (id == null) {
			throw new PoisonMessage("No message id: it could not be deduplicated");
		}
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new PoisonMessage("Message id is not a UUID: " + id);
		}
	}

	private OrderPlaced read(Message message) {
		OrderPlaced order;
		try {
			order = this.json.readValue(message.getBody(), OrderPlaced.class);
		}
		catch (JacksonException ex) {
			throw new PoisonMessage("Unreadable JSON: " + ex.getOriginalMessage());
		}
		Set<ConstraintViolation<OrderPlaced>> violations = this.validator.validate(order);
		if (!violations.isEmpty()) {
			throw new PoisonMessage("Invalid: " + violations.stream()
				.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
				.sorted()
				.toList());
		}
		return order;
	}

	private static int attempt(Message message) {
		Object attempt = message.getMessageProperties().getHeader(ATTEMPT);
		return (attempt instanceof Number number) ? number.intValue() : 1;
	}

	private static Message withAttempt(Message message, int attempt) {
		return MessageBuilder.fromClonedMessage(message).setHeader(ATTEMPT, attempt).build();
	}

	/**
	 * Publishes a copy (to a retry queue or the dead-letter exchange) and acks the
	 * original only once the copy is confirmed; if it is not, the original is requeued,
	 * so the message is never in neither place.
	 */
	private void forward(String consumer, Message message, Channel channel, String exchange, String routingKey,
			String reason, String outcome) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		Message copy = MessageBuilder.fromClonedMessage(message)
			.setHeader(REASON, reason)
			.setHeader(ORIGINAL_QUEUE, consumer)
			.setHeader(ATTEMPT, attempt(message))
			.build();
		copy.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		String id = UUID.randomUUID().toString();
		ConfirmingPublisher.Status status;
		try {
			status = this.publisher
				.publish(List.of(new ConfirmingPublisher.Outgoing(id, exchange, routingKey, copy)),
						Duration.ofSeconds(10))
				.get(id)
				.status();
		}
		catch (RuntimeException ex) {
			// No channel to publish on (the connection is down): the original must still
			// be nacked, or it stays unacked and holds a prefetch slot until the channel
			// closes.
			logger.warn(consumer + ": could not forward message " + message.getMessageProperties().getMessageId()
					+ ", requeued: " + ex);
			status = ConfirmingPublisher.Status.UNCONFIRMED;
		}
		if (status == ConfirmingPublisher.Status.CONFIRMED) {
			this.counters.count(consumer, outcome);
			logger.info(consumer + ": " + outcome + " message " + message.getMessageProperties().getMessageId() + ": "
					+ reason);
			channel.basicAck(tag, false);
		}
		else {
			this.counters.count(consumer, ConsumerCounters.REQUEUED);
			channel.basicNack(tag, false, true);
		}
	}

}
