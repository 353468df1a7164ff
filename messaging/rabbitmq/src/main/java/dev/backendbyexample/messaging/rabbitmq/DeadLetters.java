package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead-letter queue's consumer and the parking lot behind it: every dead letter is
 * kept in PostgreSQL with its reason, listed, and replayed on request to the queue it
 * came from. Kept in a table because AMQP cannot read a queue without taking the messages
 * off it: inspecting the queue itself would mean get-and-requeue, which reorders it.
 */
@Component
class DeadLetters {

	private static final Log logger = LogFactory.getLog(DeadLetters.class);

	private static final RowMapper<DeadLetter> ROW = (rs, row) -> new DeadLetter(rs.getLong("id"),
			rs.getString("message_id"), rs.getString("queue"), rs.getString("reason"), rs.getInt("attempts"),
			rs.getString("body"), rs.getObject("dead_lettered_at", OffsetDateTime.class),
			rs.getObject("replayed_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	private final ConfirmingPublisher publisher;

	private final MessagingProperties properties;

	DeadLetters(JdbcClient jdbc, ConfirmingPublisher publisher, MessagingProperties properties) {
		this.jdbc = jdbc;
		this.publisher = publisher;
		this.properties = properties;
	}

	@RabbitListener(id = Topology.DEAD_LETTERS, queues = Topology.DEAD_LETTERS)
	void receive(Message message, Channel channel) throws IOException {
		MessageProperties headers = message.getMessageProperties();
		try {
			this.jdbc.sql("insert into dead_letters (message_id, queue, reason, attempts, body) values (?, ?, ?, ?, ?)")
				.params(headers.getMessageId(), queue(headers), reason(headers), attempts(headers),
						new String(message.getBody(), StandardCharsets.UTF_8))
				.update();
		}
		catch (RuntimeException ex) {
			// With manual acks, a message neither acked nor nacked stays unacked until
			// the channel closes, and a full prefetch stops the consumer: hand it back
			// (the database is down, most likely; the queue keeps it, no limit on
			// redeliveries).
			logger.warn("Dead letter " + headers.getMessageId() + " not archived, requeued: " + ex);
			channel.basicNack(headers.getDeliveryTag(), false, true);
			return;
		}
		// Acked after the insert: a crash in between keeps the message in the queue (a
		// second row at worst, never none).
		channel.basicAck(headers.getDeliveryTag(), false);
	}

	/** The consumer's own reason, else the broker's from the x-death header. */
	private static String reason(MessageProperties headers) {
		Object reason = headers.getHeader(IdempotentConsumer.REASON);
		if (reason != null) {
			return reason.toString();
		}
		Map<String, ?> death = firstDeath(headers);
		return "Dead-lettered by the broker: " + ((death != null) ? death.get("reason") : "unknown reason");
	}

	private static String queue(MessageProperties headers) {
		Object queue = headers.getHeader(IdempotentConsumer.ORIGINAL_QUEUE);
		if (queue != null) {
			return queue.toString();
		}
		Map<String, ?> death = firstDeath(headers);
		return (death != null) ? String.valueOf(death.get("queue")) : "unknown";
	}

	private int attempts(MessageProperties headers) {
		if (headers.getHeader(IdempotentConsumer.ATTEMPT) instanceof Number attempt) {
			return attempt.intValue();
		}
		// A quorum queue counts redeliveries in x-delivery-count (absent on the first).
		if (headers.getHeader("x-delivery-count") instanceof Number redeliveries) {
			return redeliveries.intValue() + 1;
		}
		// The broker's own count is not on its dead-lettered copy: over the delivery
		// limit
		// means the limit plus one deliveries.
		Map<String, ?> death = firstDeath(headers);
		if (death != null && "delivery_limit".equals(String.valueOf(death.get("reason")))) {
			return this.properties.deliveryLimit() + 1;
		}
		return 1;
	}

	private static @Nullable Map<String, ?> firstDeath(MessageProperties headers) {
		List<Map<String, ?>> deaths = headers.getXDeathHeader();
		return (deaths != null && !deaths.isEmpty()) ? deaths.getLast() : null;
	}

	List<DeadLetter> list(int limit) {
		return this.jdbc.sql("select * from dead_letters order by id desc limit ?").param(limit).query(ROW).list();
	}

	DeadLetter find(long id) {
		return this.jdbc.sql("select * from dead_letters where id = ?")
			.param(id)
			.query(ROW)
			.optional()
			.orElseThrow(() -> new DeadLetterNotFound(id));
	}

	/**
	 * Publishes the dead letter again, with its message id, to the queue it came from
	 * (only that consumer failed; the others applied it already), as a first attempt. The
	 * row is locked while it is published, so two replays cannot both send it.
	 */
	@Transactional
	DeadLetter replay(long id) {
		DeadLetter letter = this.jdbc.sql("select * from dead_letters where id = ? for update")
			.param(id)
			.query(ROW)
			.optional()
			.orElseThrow(() -> new DeadLetterNotFound(id));
		return publishAgain(letter);
	}

	private DeadLetter publishAgain(DeadLetter letter) {
		// exercise:begin dead-letter-replay
		long id = letter.id();
		if (letter.replayedAt() != null) {
			throw new AlreadyReplayed(id);
		}
		Message message = MessageBuilder.withBody(letter.body().getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(IdempotentConsumer.ATTEMPT, 1)
			.build();
		message.getMessageProperties().setMessageId(letter.messageId());
		String correlation = "replay-" + id;
		ConfirmingPublisher.Outcome outcome = this.publisher
			.publish(List.of(new ConfirmingPublisher.Outgoing(correlation, "", letter.queue(), message)),
					this.properties.confirmTimeout())
			.get(correlation);
		if (outcome.status() != ConfirmingPublisher.Status.CONFIRMED) {
			throw new ReplayNotConfirmed(id, String.valueOf(outcome.detail()));
		}
		this.jdbc.sql("update dead_letters set replayed_at = now() where id = ?").param(id).update();
		return find(id);
		// exercise:end dead-letter-replay
	}

}