package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message delivered many times is applied once: the consumer records its id in the same
 * transaction as its effect, and a second delivery finds the id and changes nothing.
 */
@MessagingIntegrationTest
class IdempotentConsumerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConfirmingPublisher publisher;

	@Autowired
	ConsumerCounters counters;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	/**
	 * 20 copies of one job with one message id, shared by the work queue's two competing
	 * consumers, so copies are applied concurrently: one is applied, 19 are skipped as
	 * duplicates, none is dead-lettered. The stock alone would not show a missing inbox:
	 * {@link Warehouse#fulfil} refuses an order no longer PLACED, so without the inbox
	 * the 19 copies would roll back and be dead-lettered as poison, the stock taken once
	 * all the same.
	 */
	@Test
	void twentyCopiesOfOneJobTakeTheStockOnce() {
		this.api.put()
			.uri("/api/stock/PEN")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("available", 100))
			.retrieve()
			.toBodilessEntity();
		// The order exists, but its own message goes to a region nobody serves, so only
		// the copies below reach the work queue.
		String orderId = (String) this.api.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", "ada", "sku", "PEN", "quantity", 3, "region", "moon", "priority", "standard"))
			.retrieve()
			.body(Map.class)
			.get("id");
		long appliedBefore = this.counters.get(Topology.FULFILMENT, ConsumerCounters.APPLIED);
		long duplicatesBefore = this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE);
		long deadLetteredBefore = this.counters.get(Topology.FULFILMENT, ConsumerCounters.DEAD_LETTERED);

		String messageId = UUID.randomUUID().toString();
		List<ConfirmingPublisher.Outgoing> copies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Message copy = Messages.json(Messages.order(UUID.fromString(orderId), "PEN", 3, "eu", "standard"),
					messageId);
			copies.add(new ConfirmingPublisher.Outgoing("copy-" + i, "", Topology.FULFILMENT, copy));
		}
		assertThat(this.publisher.publish(copies, Duration.ofSeconds(10)).values())
			.allMatch((outcome) -> outcome.status() == ConfirmingPublisher.Status.CONFIRMED);

		// Every copy handled, whatever the outcome, then the outcomes.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.counters.get(Topology.FULFILMENT, ConsumerCounters.APPLIED) - appliedBefore
					+ this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE) - duplicatesBefore
					+ this.counters.get(Topology.FULFILMENT, ConsumerCounters.DEAD_LETTERED)
					- deadLetteredBefore >= 20);
		assertThat(this.counters.get(Topology.FULFILMENT, ConsumerCounters.DEAD_LETTERED) - deadLetteredBefore)
			.isZero();
		assertThat(this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE) - duplicatesBefore).isEqualTo(19);
		assertThat(this.counters.get(Topology.FULFILMENT, ConsumerCounters.APPLIED) - appliedBefore).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from dead_letters where message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.api.get().uri("/api/stock/PEN").retrieve().body(Map.class)).containsEntry("available", 97);
		assertThat(this.jdbc.sql("select count(*) from processed_messages where message_id = ?::uuid")
			.param(messageId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/**
	 * The check that depends on the inbox alone: the analytics counter has no natural
	 * guard, so without the inbox the second delivery would count the order twice.
	 */
	@Test
	void aRedeliveredEventDoesNotCountTwice() {
		String messageId = UUID.randomUUID().toString();
		Message event = Messages.json(Messages.order(UUID.randomUUID(), "BOOK", 7, "zz", "standard"), messageId);
		Messages.toQueue(this.publisher, Topology.ANALYTICS, event);
		Messages.toQueue(this.publisher, Topology.ANALYTICS, event);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from processed_messages where message_id = ?::uuid")
				.param(messageId)
				.query(Long.class)
				.single() == 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.counters.get(Topology.ANALYTICS, ConsumerCounters.DUPLICATE) >= 1);
		assertThat(this.jdbc.sql("select orders || '/' || units from order_counts where region = 'zz'")
			.query(String.class)
			.single()).isEqualTo("1/7");
	}

}
