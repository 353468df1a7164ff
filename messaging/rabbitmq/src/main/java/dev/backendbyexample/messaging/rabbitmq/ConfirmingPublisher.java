package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes with publisher confirms and {@code mandatory}, and says what became of every
 * message: {@code CONFIRMED} (the broker stored it in every queue it routed it to),
 * {@code RETURNED} (routed to no queue) or {@code UNCONFIRMED} (nacked, no answer in
 * time, or the connection broke first — it may or may not have arrived, so the caller
 * publishes it again). Sending a batch and then awaiting its confirms together is what
 * makes confirms cheap: the broker confirms many at once.
 */
@Component
class ConfirmingPublisher {

	private final RabbitTemplate template;

	ConfirmingPublisher(RabbitTemplate template) {
		this.template = template;
	}

	/**
	 * Sends every message and waits, up to {@code timeout} in all, for their confirms.
	 */
	Map<String, Outcome> publish(List<Outgoing> messages, Duration timeout) {
		return send(messages).await(timeout);
	}

	/**
	 * Sends every message without waiting; a message the client could not even send is
	 * already known to be unconfirmed.
	 */
	Pending send(List<Outgoing> messages) {
		List<Sent> sent = new ArrayList<>(messages.size());
		// One channel for the whole batch (confirms are per channel, and a channel from
		// the cache needs no round trip to open).
		this.template.invoke((operations) -> {
			String failure = null;
			for (Outgoing message : messages) {
				if (failure != null) {
					// The connection is gone: the rest of the batch is reported at once
					// rather than each waiting for a reconnect of its own.
					sent.add(new Sent(message.id(), null, failure));
					continue;
				}
				CorrelationData correlation = new CorrelationData(message.id());
				try {
					operations.send(message.exchange(), message.routingKey(), message.message(), correlation);
					sent.add(new Sent(message.id(), correlation, null));
				}
				catch (AmqpException ex) {
					failure = "not sent: " + describe(ex);
					sent.add(new Sent(message.id(), null, failure));
				}
			}
			return null;
		});
		return new Pending(sent);
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	/** A message to publish; {@code id} is its message id and confirm correlation. */
	record Outgoing(String id, String exchange, String routingKey, Message message) {

	}

	enum Status {

		CONFIRMED, RETURNED, UNCONFIRMED

	}

	record Outcome(Status status, @Nullable String detail) {

	}

	private record Sent(String id, @Nullable CorrelationData correlation, @Nullable String failure) {

	}

	/** Messages sent whose confirms are still to come. */
	static final class Pending {

		private final List<Sent> sent;

		private Pending(List<Sent> sent) {
			this.sent = sent;
		}

		Map<String, Outcome> await(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			Map<String, Outcome> outcomes = new LinkedHashMap<>();
			for (Sent message : this.sent) {
				outcomes.put(message.id(), outcome(message, deadline, timeout));
			}
			return outcomes;
		}

		private static Outcome outcome(Sent message, long deadline, Duration timeout) {
			CorrelationData correlation = message.correlation();
			if (correlation == null) {
				return new Outcome(Status.UNCONFIRMED, message.failure());
			}
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				CorrelationData.Confirm confirm = correlation.getFuture().get(left, TimeUnit.NANOSECONDS);
				if (!confirm.ack()) {
					// Also how Spring AMQP completes the confirms a closed channel will
					// never receive.
					return new Outcome(Status.UNCONFIRMED, "nacked: " + confirm.reason());
				}
				// With mandatory, the broker sends basic.return before basic.ack, and
				// Spring AMQP sets it on the correlation before completing the future.
				ReturnedMessage returned = correlation.getReturned();
				if (returned != null) {
					return new Outcome(Status.RETURNED,
							"returned: " + returned.getReplyCode() + " " + returned.getReplyText() + " (exchange "
									+ returned.getExchange() + ", routing key " + returned.getRoutingKey() + ")");
				}
				return new Outcome(Status.CONFIRMED, null);
			}
			catch (TimeoutException ex) {
				return new Outcome(Status.UNCONFIRMED, "no confirm within " + timeout.toMillis() + " ms");
			}
			catch (ExecutionException ex) {
				return new Outcome(Status.UNCONFIRMED, describe(ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Outcome(Status.UNCONFIRMED, "interrupted while awaiting the confirm");
			}
		}

	}

}
