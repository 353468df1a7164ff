package dev.backendbyexample.messaging.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw messages for the tests, published with confirms so a test never races its own
 * publish.
 */
final class Messages {

	private Messages() {
	}

	static Message json(String body, String messageId) {
		return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setMessageId(messageId)
			.build();
	}

	static String order(UUID orderId, String sku, int quantity, String region, String priority) {
		return """
				{"orderId":"%s","customer":"ada","sku":"%s","quantity":%d,"region":"%s","priority":"%s"}"""
			.formatted(orderId, sku, quantity, region, priority);
	}

	/** Publishes to a queue through the default exchange and asserts the confirm. */
	static void toQueue(ConfirmingPublisher publisher, String queue, Message message) {
		String id = UUID.randomUUID().toString();
		assertThat(publisher.publish(List.of(new ConfirmingPublisher.Outgoing(id, "", queue, message)),
				Duration.ofSeconds(10)))
			.extractingByKey(id)
			.extracting(ConfirmingPublisher.Outcome::status)
			.isEqualTo(ConfirmingPublisher.Status.CONFIRMED);
	}

}
