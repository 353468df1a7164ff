package dev.backendbyexample.messaging.rabbitmq;

import java.util.UUID;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are read strictly ({@link StrictJson}): a value of the wrong JSON type
 * is refused, never coerced, and the 400 names the field as a JSON pointer. A refused
 * order is neither stored nor published.
 */
@MessagingIntegrationTest
class StrictJsonIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient http;

	String customer;

	@BeforeEach
	void client() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		this.customer = "c" + UUID.randomUUID().toString().substring(0, 12);
	}

	@Test
	void quantityAsStringThen400NamingItAndNothingStored() {
		assertRefused(order("\"quantity\":\"2\""), "/quantity", "must be a whole number");
	}

	@Test
	void fractionalQuantityThen400() {
		assertRefused(order("\"quantity\":1.5"), "/quantity", "must be a whole number");
	}

	@Test
	void nullQuantityThen400() {
		// null is not a whole number: a primitive is never defaulted to 0.
		assertRefused(order("\"quantity\":null"), "/quantity", "must be a whole number");
	}

	@Test
	void unknownPriorityThen400NamingIt() {
		ResponseEntity<String> response = post("{\"customer\":\"" + this.customer
				+ "\",\"sku\":\"BOOK\",\"quantity\":1,\"region\":\"eu\",\"priority\":\"urgent\"}");
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"/priority\"");
		assertNothingStored();
	}

	@Test
	void unknownPropertyThen400NamingIt() {
		assertRefused(order("\"quantity\":1,\"coupon\":\"FREE\""), "/coupon", "unknown property");
	}

	@Test
	void routingKeyWordsInTheRegionThen400() {
		// A '.' or '#' would let a client choose its own routing key.
		ResponseEntity<String> response = post("{\"customer\":\"" + this.customer
				+ "\",\"sku\":\"BOOK\",\"quantity\":1,\"region\":\"eu.#\",\"priority\":\"express\"}");
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"/region\"");
		assertNothingStored();
	}

	@Test
	void trailingTokensAfterTheBodyThen400() {
		ResponseEntity<String> response = post(body("\"quantity\":1") + " {\"quantity\":2}");
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("The request body is not the JSON expected.");
		assertNothingStored();
	}

	@Test
	void pathVariableOfTheWrongTypeThen400NamingIt() {
		assertThat(this.http.get().uri("/api/orders/abc").retrieve().toEntity(String.class).getBody())
			.contains("\"errors\":[{\"parameter\":\"id\",\"detail\":");
		assertThat(this.http.get().uri("/api/dead-letters?limit=ten").retrieve().toEntity(String.class).getBody())
			.contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"must be a whole number\"}]");
	}

	@Test
	void wellTypedBodyIsAccepted() {
		assertThat(order("\"quantity\":1").getStatusCode().value()).isEqualTo(201);
	}

	private void assertRefused(ResponseEntity<String> response, String pointer, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody())
			.contains("\"errors\":[{\"pointer\":\"" + pointer + "\",\"detail\":\"" + detail + "\"}]")
			.doesNotContain("java.", "Integer", "String", "Exception");
		assertNothingStored();
	}

	private void assertNothingStored() {
		assertThat(this.jdbc.sql("select count(*) from orders where customer = ?")
			.param(this.customer)
			.query(Long.class)
			.single()).isZero();
	}

	private String body(String quantity) {
		return "{\"customer\":\"" + this.customer + "\",\"sku\":\"BOOK\"," + quantity
				+ ",\"region\":\"eu\",\"priority\":\"standard\"}";
	}

	private ResponseEntity<String> order(String quantity) {
		return post(body(quantity));
	}

	private ResponseEntity<String> post(String json) {
		return this.http.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

}
