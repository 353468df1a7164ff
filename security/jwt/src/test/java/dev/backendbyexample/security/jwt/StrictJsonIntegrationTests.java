package dev.backendbyexample.security.jwt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are read strictly ({@link StrictJson}): a value of the wrong JSON type,
 * an unknown property or a second document is refused with a 400 naming the field, never
 * coerced or ignored.
 */
@JwtIntegrationTest
class StrictJsonIntegrationTests {

	@LocalServerPort
	int port;

	Api api;

	/** One user for the class: registering costs an Argon2 hash. */
	static String token;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
		if (token == null) {
			token = this.api.tokens(this.api.registerUser()).access();
		}
	}

	@Test
	void numberWhereAStringIsExpectedThen400NamingTheField() {
		assertRefused(post("{\"title\":42,\"body\":\"b\"}"), "/title", "must be a string");
	}

	@Test
	void unknownPropertyThen400NamingIt() {
		assertRefused(post("{\"title\":\"t\",\"body\":\"b\",\"ownerId\":\"someone-else\"}"), "/ownerId",
				"unknown property");
	}

	@Test
	void nullTitleThen400() {
		assertRefused(post("{\"title\":null,\"body\":\"b\"}"), "/title", "must not be blank");
	}

	@Test
	void trailingSecondDocumentThen400() {
		assertThat(post("{\"title\":\"t\",\"body\":\"b\"} {\"title\":\"u\",\"body\":\"c\"}").getStatusCode().value())
			.isEqualTo(400);
	}

	@Test
	void wellTypedBodyIsAccepted() {
		assertThat(post("{\"title\":\"t\",\"body\":\"b\"}").getStatusCode().value()).isEqualTo(201);
	}

	private ResponseEntity<String> post(String json) {
		return this.api.send(HttpMethod.POST, "/notes", token, json);
	}

	private static void assertRefused(ResponseEntity<String> response, String pointer, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"" + pointer + "\"").contains(detail);
	}

}
