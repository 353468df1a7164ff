package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each pattern delivers exactly where its bindings say: one publish to the topic exchange
 * reaches the work queue and both fanout subscribers for every served region, the EU
 * queue only for {@code order.eu.*}, the express queue only for {@code order.*.express}.
 */
@MessagingIntegrationTest
class RoutingIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void euExpressOrderReachesEveryPatternsQueue() {
		assertThat(appliedBy(place("eu", "express"))).containsExactly("analytics", "email", "express", "fulfilment",
				"region.eu");
	}

	@Test
	void usStandardOrderSkipsTheEuAndExpressQueues() {
		assertThat(appliedBy(place("us", "standard"))).containsExactly("analytics", "email", "fulfilment");
	}

	@Test
	void apacExpressOrderReachesTheExpressQueueButNotTheEuOne() {
		assertThat(appliedBy(place("apac", "express"))).containsExactly("analytics", "email", "express", "fulfilment");
	}

	@Test
	void fulfilledOrderTookItsStockOnce() {
		int before = stock("MUG");
		String id = place("eu", "standard");
		appliedBy(id);
		// This order and the sentinel: two each.
		assertThat(stock("MUG")).isEqualTo(before - 4);
		assertThat(order(id)).containsEntry("status", "FULFILLED");
	}

	private String place(String region, String priority) {
		ResponseEntity<Map> response = this.api.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customer", "ada", "sku", "MUG", "quantity", 2, "region", region, "priority", priority))
			.retrieve()
			.toEntity(Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return (String) response.getBody().get("id");
	}

	/**
	 * The consumers that applied the order, once every queue it could have reached has
	 * been consumed past it: a later EU express order reaches every queue, and the
	 * subscriber queues have one consumer each, so they are consumed in order — once that
	 * sentinel is applied everywhere, nothing routed before it is still on its way.
	 */
	@SuppressWarnings("unchecked")
	private List<String> appliedBy(String id) {
		String sentinel = place("eu", "express");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> order(sentinel).get("appliedBy"), (consumers) -> ((List<String>) consumers).size() == 5);
		await().atMost(Duration.ofSeconds(20)).until(() -> order(id).get("status"), "FULFILLED"::equals);
		Map<String, Object> order = order(id);
		assertThat(order).containsEntry("publication", "CONFIRMED");
		return (List<String>) order.get("appliedBy");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> order(String id) {
		return this.api.get().uri("/api/orders/{id}", id).retrieve().body(Map.class);
	}

	private int stock(String sku) {
		return ((Number) this.api.get().uri("/api/stock/{sku}", sku).retrieve().body(Map.class).get("available"))
			.intValue();
	}

}
