package dev.backendbyexample.transactions;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are read strictly ({@link StrictJson}): a value of the wrong JSON type
 * is refused, never coerced, and the 400 names the field as a JSON pointer, in JSON's
 * words, without a Java class name. Money never moves on a refused body.
 */
@TransactionsIntegrationTest
class StrictJsonIntegrationTests {

	@LocalServerPort
	int port;

	RestClient http;

	long alice;

	long bob;

	@BeforeEach
	void accounts() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		this.alice = id(post("/accounts", "{\"owner\":\"alice\",\"balance\":100}"));
		this.bob = id(post("/accounts", "{\"owner\":\"bob\",\"balance\":0}"));
	}

	@Test
	void amountAsStringThen400NamingAmountAndNothingMoves() {
		assertRefused(transfer("\"amount\":\"30\""), "/amount", "must be a whole number");
	}

	@Test
	void fractionalAmountThen400InsteadOfRoundingTheCentsAway() {
		assertRefused(transfer("\"amount\":30.99"), "/amount", "must be a whole number");
	}

	@Test
	void booleanAmountThen400() {
		assertRefused(transfer("\"amount\":true"), "/amount", "must be a whole number");
	}

	@Test
	void nullAmountThen400() {
		assertRefused(transfer("\"amount\":null"), "/amount", "must not be null");
	}

	@Test
	void numberWhereAStringIsExpectedThen400NamingOwner() {
		assertRefused(post("/accounts", "{\"owner\":42,\"balance\":1}"), "/owner", "must be a string");
	}

	@Test
	void unknownPropertyThen400NamingIt() {
		assertRefused(transfer("\"amount\":30,\"currency\":\"EUR\""), "/currency", "unknown property");
	}

	@Test
	void trailingTokensAfterTheBodyThen400() {
		ResponseEntity<String> response = post("/transfers",
				"{\"from\":" + this.alice + ",\"to\":" + this.bob + ",\"amount\":30} {\"amount\":70}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("The request body is not the JSON expected.");
		assertNothingMoved();
	}

	@Test
	void pathVariableOrQueryParameterOfTheWrongTypeThen400NamingIt() {
		assertThat(get("/accounts/abc").getBody())
			.contains("\"errors\":[{\"parameter\":\"id\",\"detail\":\"must be a whole number\"}]");
		assertThat(get("/transfers?limit=ten").getBody())
			.contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"must be a whole number\"}]");
	}

	@Test
	void wellTypedBodyIsAccepted() {
		assertThat(transfer("\"amount\":30").getStatusCode().value()).isEqualTo(201);
	}

	private void assertRefused(ResponseEntity<String> response, String pointer, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody())
			.contains("\"errors\":[{\"pointer\":\"" + pointer + "\",\"detail\":\"" + detail + "\"}]")
			.doesNotContain("java.", "Long", "String", "Exception");
		assertNothingMoved();
	}

	private void assertNothingMoved() {
		assertThat(this.http.get().uri("/accounts/{id}", this.alice).retrieve().body(String.class))
			.contains("\"balance\":100");
	}

	private ResponseEntity<String> transfer(String amount) {
		return post("/transfers", "{\"from\":" + this.alice + ",\"to\":" + this.bob + "," + amount + "}");
	}

	private ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> post(String path, String json) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private static long id(ResponseEntity<String> response) {
		String body = response.getBody();
		return Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
	}

}
