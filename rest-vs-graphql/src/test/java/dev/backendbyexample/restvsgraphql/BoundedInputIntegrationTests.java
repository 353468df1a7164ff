package dev.backendbyexample.restvsgraphql;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.backendbyexample.testsupport.http.RawHttp;
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
 * Every input has a bound, tested at the bound: a name at its maximum length and one
 * character more, an Idempotency-Key of 255 characters and 256, a body of exactly
 * {@link RequestBodyLimit#MAX_BYTES} and one byte more, a 10 MiB body declared or chunked
 * — refused with 400 or 413 and nothing stored. The same body limit guards the GraphQL
 * endpoint.
 */
@RestVsGraphqlIntegrationTest
class BoundedInputIntegrationTests {

	static final int TEN_MIB = 10 * 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient http;

	@BeforeEach
	void client() {
		this.http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void nameOfExactly100CharactersIsAcceptedAndOneMoreIsRefusedNamingIt() {
		String marker = marker();

		assertThat(post(body(marker + "x".repeat(100 - 36)), null).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> refused = post(body(marker + "x".repeat(100 - 36 + 1)), null);
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("{\"pointer\":\"/name\",\"detail\":\"size must be between 0 and 100\"}");
		assertThat(stored(marker)).isEqualTo(1);
	}

	@Test
	void idempotencyKeyOfExactly255CharactersIsAcceptedAndOneMoreIsRefusedNamingTheHeader() {
		assertThat(
				post(body(marker()), "k".repeat(254) + UUID.randomUUID().toString().charAt(0)).getStatusCode().value())
			.isEqualTo(201);
		String marker = marker();
		ResponseEntity<String> refused = post(body(marker), "k".repeat(256));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody())
			.contains("{\"parameter\":\"Idempotency-Key\",\"detail\":\"size must be between 1 and 255\"}");
		assertThat(stored(marker)).isZero();
	}

	@Test
	void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String marker = marker();

		assertThat(post(padded(marker, RequestBodyLimit.MAX_BYTES), null).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> over = post(padded(marker, RequestBodyLimit.MAX_BYTES + 1), null);
		assertThat(over.getStatusCode().value()).isEqualTo(413);
		assertThat(over.getBody()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(marker)).isEqualTo(1);
	}

	@Test
	void tenMebibyteBodyWithContentLengthThen413AndNothingStored() {
		String marker = marker();
		byte[] body = body(marker + "x".repeat(TEN_MIB)).getBytes(StandardCharsets.UTF_8);

		RawHttp response = RawHttp
			.send(this.port,
					"POST /users HTTP/1.1\r\nHost: localhost\r\n" + "Content-Type: application/json\r\nContent-Length: "
							+ body.length + "\r\n\r\n",
					body)
			.assertDocumented(this.port, "POST", "/users");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(marker)).isZero();
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingStored() {
		String marker = marker();

		// Raw bytes, not a client: the validating client buffers a body and never chunks.
		RawHttp response = RawHttp
			.send(this.port,
					"POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
					RawHttp.chunked(body(marker + "x".repeat(TEN_MIB)).getBytes(StandardCharsets.UTF_8)))
			.assertDocumented(this.port, "POST", "/users");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(stored(marker)).isZero();
	}

	@Test
	void aGraphQlQueryAboveTheLimitIsRefusedTooAndRunsNothing() {
		String query = "{\"query\":\"{ posts(first: 1) { edges { cursor } } }" + " ".repeat(RequestBodyLimit.MAX_BYTES)
				+ "\"}";

		RawHttp response = RawHttp.send(
				this.port, "POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
						+ "Content-Type: application/json\r\nContent-Length: " + query.length() + "\r\n\r\n",
				query.getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private ResponseEntity<String> post(String json, String idempotencyKey) {
		RestClient.RequestBodySpec request = this.http.post().uri("/users").contentType(MediaType.APPLICATION_JSON);
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return request.body(json).retrieve().toEntity(String.class);
	}

	private static String body(String name) {
		return "{\"name\":\"" + name + "\",\"email\":\"bounded@example.com\"}";
	}

	/** A valid body padded with whitespace, which JSON allows, to {@code size} bytes. */
	private static String padded(String name, int size) {
		String json = body(name);
		return json + " ".repeat(size - json.length());
	}

	private int stored(String marker) {
		return this.jdbc.sql("select count(*) from users where name like ?")
			.param(marker + "%")
			.query(Integer.class)
			.single();
	}

	/** 36 characters no other test writes. */
	private static String marker() {
		return UUID.randomUUID().toString();
	}

}
