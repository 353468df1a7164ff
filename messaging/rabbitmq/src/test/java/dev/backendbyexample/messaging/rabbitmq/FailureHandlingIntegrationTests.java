package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What happens to a message that cannot be applied: a poison message goes straight to the
 * dead-letter queue, once, with its reason; a job that keeps failing is retried with a
 * doubling delay, then dead-lettered; a consumer that never acks is stopped by the quorum
 * queue's delivery limit; a dead letter is replayed once the cause is fixed.
 */
@MessagingIntegrationTest
class FailureHandlingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfirmingPublisher publisher;

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	MessagingProperties properties;

	@Autowired
	Declarables declarables;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void unreadableJsonGoesStraightToTheDeadLetterQueueWithItsReason() {
		String id = UUID.randomUUID().toString();
		Messages.toQueue(this.publisher, Topology.FULFILMENT, Messages.json("{\"orderId\": oops", id));

		Map<String, Object> letter = deadLetter(id);
		assertThat(letter).containsEntry("queue", "fulfilment").containsEntry("attempts", 1);
		assertThat((String) letter.get("reason")).startsWith("Unreadable JSON");
	}

	@Test
	void invalidMessageGoesStraightToTheDeadLetterQueueNamingTheField() {
		String id = UUID.randomUUID().toString();
		Messages.toQueue(this.publisher, Topology.EMAIL,
				Messages.json(Messages.order(UUID.randomUUID(), "BOOK", 0, "eu", "standard"), id));

		Map<String, Object> letter = deadLetter(id);
		assertThat(letter).containsEntry("queue", "email").containsEntry("attempts", 1);
		assertThat((String) letter.get("reason")).isEqualTo("Invalid: [quantity must be greater than or equal to 1]");
	}

	@Test
	void outOfStockIsRetriedWithDoublingDelaysThenDeadLetteredAndReplayedAfterARestock() throws Exception {
		// Other tests in this context restock lamps.
		setStock("LAMP", 0);
		Map<String, Object> order;
		String orderId;
		Map<String, Object> letter;
		List<Map<String, Object>> deaths;
		try (Connection connection = this.connectionFactory.createConnection();
				Channel channel = connection.createChannel(false)) {
			// A queue of the test's own on the dead-letter fanout: it gets a copy of the
			// dead letter with its headers, which the archive does not keep.
			String copies = channel.queueDeclare().getQueue();
			channel.queueBind(copies, Topology.DEAD_LETTERS, "");
			order = place("LAMP");
			orderId = (String) order.get("id");

			// Attempts 1 to 4; between them the job waits 100, 200 and 400 ms in the
			// delay queues (a TTL is a lower bound: it cannot arrive sooner).
			letter = await().atMost(Duration.ofSeconds(30))
				.until(() -> deadLetters().stream()
					.filter((l) -> ((String) l.get("body")).contains(orderId))
					.findFirst(), java.util.Optional::isPresent)
				.orElseThrow();
			deaths = xDeath(await().atMost(Duration.ofSeconds(10))
				.until(() -> copyOf(channel, copies, orderId), Objects::nonNull));
		}
		assertThat(letter).containsEntry("queue", "fulfilment").containsEntry("attempts", 4);
		assertThat((String) letter.get("reason"))
			.isEqualTo("Retries exhausted after 4 attempts: Out of stock: 1 × LAMP");
		// Each delay, not just their sum: the broker recorded one expiry in each delay
		// queue, 1, 2 and 3 (a constant delay would reuse one queue), and their TTLs
		// double.
		assertThat(deaths)
			.extracting((death) -> String.valueOf(death.get("queue")), (death) -> String.valueOf(death.get("reason")),
					(death) -> ((Number) death.get("count")).intValue())
			.containsExactlyInAnyOrder(tuple(Topology.retryQueue(1), "expired", 1),
					tuple(Topology.retryQueue(2), "expired", 1), tuple(Topology.retryQueue(3), "expired", 1));
		assertThat(List.of(retryTtl(1), retryTtl(2), retryTtl(3))).containsExactly(100, 200, 400);
		Duration waited = Duration.between(OffsetDateTime.parse((String) order.get("placedAt")),
				OffsetDateTime.parse((String) letter.get("deadLetteredAt")));
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		assertThat(order(orderId)).containsEntry("status", "PLACED");

		setStock("LAMP", 5);
		Number letterId = (Number) letter.get("id");
		ResponseEntity<Map> replayed = this.api.post()
			.uri("/api/dead-letters/{id}/replay", letterId)
			.retrieve()
			.toEntity(Map.class);
		assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(replayed.getBody()).containsKey("replayedAt");

		await().atMost(Duration.ofSeconds(20)).until(() -> order(orderId).get("status"), "FULFILLED"::equals);
		assertThat(this.api.get().uri("/api/stock/LAMP").retrieve().body(Map.class)).containsEntry("available", 4);

		ResponseEntity<String> again = this.api.post()
			.uri("/api/dead-letters/{id}/replay", letterId)
			.retrieve()
			.toEntity(String.class);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	/**
	 * A consumer that takes a message and never acks it (it crashes, or nacks it back) is
	 * what no application-side counter can see. The quorum queue counts the deliveries
	 * itself and dead-letters the message past the limit.
	 */
	@Test
	void messageRequeuedPastTheDeliveryLimitIsDeadLetteredByTheBroker() throws Exception {
		String id = UUID.randomUUID().toString();
		// This test plays the crashing consumer itself.
		this.listeners.getListenerContainer(Topology.EXPRESS).stop();
		try (Connection connection = this.connectionFactory.createConnection();
				Channel channel = connection.createChannel(false)) {
			Messages.toQueue(this.publisher, Topology.EXPRESS,
					Messages.json(Messages.order(UUID.randomUUID(), "BOOK", 1, "us", "express"), id));
			int deliveries = 0;
			GetResponse delivery;
			while ((delivery = channel.basicGet(Topology.EXPRESS, false)) != null) {
				deliveries++;
				channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, true);
			}
			assertThat(deliveries).isEqualTo(this.properties.deliveryLimit() + 1);
		}
		finally {
			this.listeners.getListenerContainer(Topology.EXPRESS).start();
		}
		Map<String, Object> letter = deadLetter(id);
		assertThat(letter).containsEntry("queue", "express")
			.containsEntry("reason", "Dead-lettered by the broker: delivery_limit")
			.containsEntry("attempts", this.properties.deliveryLimit() + 1);
	}

	private static @Nullable GetResponse copyOf(Channel channel, String queue, String orderId) throws IOException {
		GetResponse response;
		while ((response = channel.basicGet(queue, true)) != null) {
			if (new String(response.getBody(), StandardCharsets.UTF_8).contains(orderId)) {
				return response;
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> xDeath(GetResponse response) {
		Object deaths = response.getProps().getHeaders().get("x-death");
		assertThat(deaths).as("x-death").isInstanceOf(List.class);
		return (List<Map<String, Object>>) deaths;
	}

	private int retryTtl(int level) {
		Queue queue = this.declarables.getDeclarablesByType(Queue.class)
			.stream()
			.filter((candidate) -> candidate.getName().equals(Topology.retryQueue(level)))
			.findFirst()
			.orElseThrow();
		return ((Number) queue.getArguments().get("x-message-ttl")).intValue();
	}

	@Test
	void unknownDeadLetterIs404() {
		ResponseEntity<String> response = this.api.get()
			.uri("/api/dead-letters/999999")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private void setStock(String sku, int available) {
		this.api.put()
			.uri("/api/stock/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("available", available))
			.retrieve()
			.toBodilessEntity();
	}

	private Map<String, Object> deadLetter(String messageId) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> deadLetters().stream().filter((l) -> messageId.equals(l.get("messageId"))).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> deadLetters() {
		return this.api.get().uri("/api/dead-letters?limit=500").retrieve().body(List.class);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> order(String id) {
		return this.api.get().uri("/api/orders/{id}", id).retrieve().body(Map.class);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> place(String sku) {
		return this.api.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", "ada", "sku", sku, "quantity", 1, "region", "eu", "priority", "standard"))
			.retrieve()
			.body(Map.class);
	}

}
