package dev.backendbyexample.caching;

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
 * character more, a body of exactly {@link RequestBodyLimit#MAX_BYTES} and one byte more,
 * declared or chunked, a page size and a stampede's reader count above their maximum.
 */
@CachingIntegrationTest
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
	void nameOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsRefusedNamingIt() {
		String name = marker() + "x".repeat(200 - 36);

		assertThat(create(name).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> refused = create(marker() + "x".repeat(200 - 36 + 1));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/name\"").contains("size must be between 0 and 200");
	}

	@Test
	void pageSizeAndReadersAboveTheirMaximumThen400NamingThem() {
		assertThat(this.http.get().uri("/products?limit=101").retrieve().toEntity(String.class).getBody())
			.contains("{\"parameter\":\"limit\",\"detail\":\"must be less than or equal to 100\"}");
		ResponseEntity<String> readers = this.http.post()
			.uri("/stampedes")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"productId\":1,\"readers\":501,\"protection\":\"none\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(readers.getStatusCode().value()).isEqualTo(400);
		assertThat(readers.getBody()).contains("\"pointer\":\"/readers\"");
	}

	@Test
	void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String name = marker();

		assertThat(post(padded(name, RequestBodyLimit.MAX_BYTES)).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> over = post(padded(name, RequestBodyLimit.MAX_BYTES + 1));
		assertThat(over.getStatusCode().value()).isEqualTo(413);
		assertThat(over.getBody()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(name)).isEqualTo(1);
	}

	@Test
	void chunkedBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String name = marker();

		assertThat(postChunked(padded(name, RequestBodyLimit.MAX_BYTES).getBytes(StandardCharsets.UTF_8)).status())
			.isEqualTo(201);
		RawHttp over = postChunked(padded(name, RequestBodyLimit.MAX_BYTES + 1).getBytes(StandardCharsets.UTF_8));
		assertThat(over.status()).isEqualTo(413);
		assertThat(over.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(stored(name)).isEqualTo(1);
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingStored() {
		String name = marker();

		RawHttp response = postChunked(
				("{\"name\":\"" + name + "x".repeat(TEN_MIB) + "\",\"description\":\"d\",\"priceCents\":1}")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(name)).isZero();
	}

	private ResponseEntity<String> create(String name) {
		return post("{\"name\":\"" + name + "\",\"description\":\"d\",\"priceCents\":1}");
	}

	private ResponseEntity<String> post(String json) {
		return this.http.post()
			.uri("/products")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private RawHttp postChunked(byte[] body) {
		// Raw bytes, not a client: the validating client buffers a body and never chunks.
		return RawHttp
			.send(this.port,
					"POST /products HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
					RawHttp.chunked(body))
			.assertDocumented(this.port, "POST", "/products");
	}

	/** A valid body padded with whitespace, which JSON allows, to {@code size} bytes. */
	private static String padded(String name, int size) {
		String json = "{\"name\":\"" + name + "\",\"description\":\"d\",\"priceCents\":1}";
		return json + " ".repeat(size - json.length());
	}

	private int stored(String name) {
		return this.jdbc.sql("select count(*) from product where name like ?")
			.param(name.substring(0, 36) + "%")
			.query(Integer.class)
			.single();
	}

	private static String marker() {
		return UUID.randomUUID().toString();
	}

}
