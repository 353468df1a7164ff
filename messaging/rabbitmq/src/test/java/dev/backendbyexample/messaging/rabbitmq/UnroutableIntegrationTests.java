package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order for a region no queue is bound for: published with {@code mandatory}, the
 * broker returns it instead of dropping it, and the publisher reports it.
 */
@MessagingIntegrationTest
class UnroutableIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void orderNoQueueIsBoundForIsReturnedAndReported() {
		String id = place("mars", "standard");

		await().atMost(Duration.ofSeconds(20)).until(() -> order(id).get("publication"), "RETURNED"::equals);
		Map<String, Object> publications = this.api.get().uri("/api/publications").retrieve().body(Map.class);
		assertThat(((Number) publications.get("returned")).longValue()).isPositive();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> notConfirmed = (List<Map<String, Object>>) publications.get("notConfirmed");
		assertThat(notConfirmed).filteredOn((message) -> id.equals(message.get("orderId")))
			.singleElement()
			.satisfies((message) -> {
				assertThat(message).containsEntry("status", "RETURNED")
					.containsEntry("routingKey", "order.mars.standard")
					.containsEntry("attempts", 1);
				assertThat((String) message.get("lastError")).startsWith("returned: 312 NO_ROUTE");
			});
	}

	@Test
	void expressOrderForThatRegionStillRoutesToTheExpressQueue() {
		String id = place("mars", "express");

		await().atMost(Duration.ofSeconds(20)).until(() -> order(id).get("appliedBy"), List.of("express")::equals);
		assertThat(order(id)).containsEntry("publication", "CONFIRMED").containsEntry("status", "PLACED");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> order(String id) {
		return this.api.get().uri("/api/orders/{id}", id).retrieve().body(Map.class);
	}

	private String place(String region, String priority) {
		return (String) this.api.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", "ada", "sku", "BOOK", "quantity", 1, "region", region, "priority", priority))
			.retrieve()
			.body(Map.class)
			.get("id");
	}

}
