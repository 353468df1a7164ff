package dev.backendbyexample.restvsgraphql;

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
 * is refused, never coerced, and the 400 names the field as a JSON pointer, in JSON's
 * words. Nothing is stored from a refused body.
 */
@RestVsGraphqlIntegrationTest
class StrictJsonIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient http;

	long usersBefore;

	@BeforeEach
	void client() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		this.usersBefore = users();
	}

	@Test
	void numberWhereAStringIsExpectedThen400NamingTheField() {
		assertRefused(post("{\"name\":42,\"email\":\"a@example.com\"}"), "/name", "must be a string");
	}

	@Test
	void unknownPropertyThen400NamingIt() {
		assertRefused(post("{\"name\":\"a\",\"email\":\"a@example.com\",\"admin\":true}"), "/admin",
				"unknown property");
	}

	@Test
	void missingRequiredFieldThen400NamingIt() {
		assertRefused(post("{\"name\":\"a\"}"), "/email", "must not be null");
	}

	@Test
	void invalidEmailThen400NamingIt() {
		assertRefused(post("{\"name\":\"a\",\"email\":\"not-an-email\"}"), "/email",
				"must be a well-formed email address");
	}

	@Test
	void malformedJsonOrTrailingTokensThen400AndNothingStored() {
		for (String body : new String[] { "{\"name\":", "{\"name\":\"a\",\"email\":\"a@example.com\"} {}" }) {
			ResponseEntity<String> response = post(body);
			assertThat(response.getStatusCode().value()).isEqualTo(400);
			assertThat(response.getBody()).contains("The request body is not the JSON expected.");
		}
		assertThat(users()).isEqualTo(this.usersBefore);
	}

	@Test
	void pathVariableOrQueryParameterOfTheWrongTypeThen400NamingIt() {
		assertThat(get("/users/abc").getBody())
			.contains("\"errors\":[{\"parameter\":\"id\",\"detail\":\"must be a whole number\"}]");
		assertThat(get("/posts?limit=ten").getBody())
			.contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"must be a whole number\"}]");
		assertThat(get("/posts?limit=101").getBody())
			.contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"must be less than or equal to 100\"}]");
	}

	@Test
	void wellTypedBodyIsAccepted() {
		assertThat(post("{\"name\":\"a\",\"email\":\"a@example.com\"}").getStatusCode().value()).isEqualTo(201);
	}

	private void assertRefused(ResponseEntity<String> response, String pointer, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody())
			.contains("\"errors\":[{\"pointer\":\"" + pointer + "\",\"detail\":\"" + detail + "\"}]")
			.doesNotContain("java.", "Long", "String", "Exception");
		assertThat(users()).isEqualTo(this.usersBefore);
	}

	private long users() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

	private ResponseEntity<String> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(String.class);
	}

	private ResponseEntity<String> post(String json) {
		return this.http.post()
			.uri("/users")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

}
