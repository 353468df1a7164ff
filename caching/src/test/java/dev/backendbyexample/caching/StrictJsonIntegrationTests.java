package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No coercion: a price as a string, a fractional price, a rating as a boolean, a name as
 * a number, an unknown property or trailing tokens are refused with 400 naming the field,
 * and the product is unchanged (and still cached as it was).
 */
@CachingIntegrationTest
class StrictJsonIntegrationTests {

	static final long PRODUCT = 91;

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void priceAsStringThen400NamingIt() {
		assertRefused(replace("\"priceCents\":\"30\""), "/priceCents", "must be a whole number");
	}

	@Test
	void fractionalPriceThen400InsteadOfRoundingTheCentsAway() {
		assertRefused(replace("\"priceCents\":30.99"), "/priceCents", "must be a whole number");
	}

	@Test
	void nullPriceThen400() {
		assertRefused(replace("\"priceCents\":null"), "/priceCents", "must not be null");
	}

	@Test
	void booleanRatingThen400() {
		assertRefused(post("/products/" + PRODUCT + "/reviews", "{\"author\":\"ada\",\"rating\":true}"), "/rating",
				"must be a whole number");
	}

	@Test
	void numberWhereAStringIsExpectedThen400NamingIt() {
		assertRefused(post("/products", "{\"name\":42,\"description\":\"d\",\"priceCents\":1}"), "/name",
				"must be a string");
	}

	@Test
	void unknownPropertyThen400NamingIt() {
		assertRefused(replace("\"priceCents\":30,\"currency\":\"EUR\""), "/currency", "unknown property");
	}

	@Test
	void trailingTokensAfterTheBodyThen400() {
		ResponseEntity<String> response = this.http.put()
			.uri("/products/{id}", PRODUCT)
			.header(HttpHeaders.IF_MATCH, "*")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"n\",\"description\":\"d\",\"priceCents\":30} {\"priceCents\":70}")
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("The request body is not the JSON expected.");
		assertUnchanged();
	}

	@Test
	void pathVariableOrQueryParameterOfTheWrongTypeThen400NamingIt() {
		assertThat(get("/products/abc").getBody())
			.contains("\"errors\":[{\"parameter\":\"id\",\"detail\":\"must be a whole number\"}]");
		assertThat(get("/products?limit=ten").getBody())
			.contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"must be a whole number\"}]");
	}

	@Test
	void unknownProtectionThen400NamingIt() {
		ResponseEntity<String> response = post("/stampedes",
				"{\"productId\":1,\"readers\":10,\"protection\":\"magic\"}");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"/protection\"");
	}

	private void assertRefused(ResponseEntity<String> response, String pointer, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody())
			.contains("\"errors\":[{\"pointer\":\"" + pointer + "\",\"detail\":\"" + detail + "\"}]")
			.doesNotContain("java.", "Long", "String", "Exception");
		assertUnchanged();
	}

	private void assertUnchanged() {
		assertThat(get("/products/" + PRODUCT).getBody()).contains("\"name\":\"Product " + PRODUCT + "\"",
				"\"version\":1");
	}

	private ResponseEntity<String> replace(String price) {
		return this.http.put()
			.uri("/products/{id}", PRODUCT)
			.header(HttpHeaders.IF_MATCH, "*")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"n\",\"description\":\"d\"," + price + "}")
			.retrieve()
			.toEntity(String.class);
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

}
