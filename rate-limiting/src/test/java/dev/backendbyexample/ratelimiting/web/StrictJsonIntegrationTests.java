package dev.backendbyexample.ratelimiting.web;

import dev.backendbyexample.ratelimiting.RateLimitingApplication;
import dev.backendbyexample.ratelimiting.RateLimitingServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are read strictly ({@link StrictJson}): a value of the wrong JSON type
 * is refused, never coerced, and the 400 names the field as a JSON pointer, in JSON's
 * words, without a Java class name.
 */
@SpringBootTest(classes = { RateLimitingApplication.class, RateLimitingServices.class, WebEdgeProbe.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictJsonIntegrationTests {

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		// A plain client: every request here goes to WebEdgeProbe's /echo, a test-only
		// route, not an operation of the API.
		this.http = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			number as a string       | "count":"1"      | /count | must be a whole number
			fraction for an int      | "count":1.5      | /count | must be a whole number
			null for a primitive int | "count":null     | /count | must be a whole number
			string for a boolean     | "loud":"true"    | /loud  | must be true or false
			number for a boolean     | "loud":1         | /loud  | must be true or false
			number for a string      | "name":42        | /name  | must be a string
			boolean for a string     | "name":true      | /name  | must be a string
			object for a string      | "name":{}        | /name  | must be a string
			unknown property         | "admin":true     | /admin | unknown property
			""")
	void wrongTypeThen400NamingTheField(String description, String field, String pointer, String detail) {
		ResponseEntity<String> response = echo(body(field));

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody())
			.contains("\"errors\":[{\"pointer\":\"" + pointer + "\",\"detail\":\"" + detail + "\"}]")
			.doesNotContain("java.", "Integer", "String", "Exception");
	}

	@Test
	void trailingTokensAfterTheBodyThen400() {
		ResponseEntity<String> response = echo(body("\"count\":1") + " {}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("The request body is not the JSON expected.");
	}

	@Test
	void wellTypedBodyIsAccepted() {
		assertThat(echo(body("\"count\":1")).getStatusCode().value()).isEqualTo(200);
	}

	/** A valid echo request, with one field added or replaced by {@code field}. */
	private static String body(String field) {
		String name = field.substring(1, field.indexOf('"', 1));
		StringBuilder json = new StringBuilder("{");
		for (String valid : new String[] { "\"name\":\"ada\"", "\"tags\":[]", "\"count\":1", "\"loud\":false" }) {
			if (!valid.startsWith("\"" + name + "\"")) {
				json.append(valid).append(',');
			}
		}
		return json.append(field).append('}').toString();
	}

	private ResponseEntity<String> echo(String json) {
		return this.http.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

}
