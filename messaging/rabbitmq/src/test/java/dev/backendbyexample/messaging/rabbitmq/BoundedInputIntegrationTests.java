package dev.backendbyexample.messaging.rabbitmq;

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
 * Every input has a bound, tested at the bound: a field at its maximum length and one
 * character more, a body of exactly {@link RequestBodyLimit#MAX_BYTES} and one byte more,
 * and a 10 MiB body, declared or chunked, refused with 413 and nothing stored or
 * published.
 */
@MessagingIntegrationTest
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
	void customerOfExactly40CharactersIsAcceptedAndOneMoreIsRefusedNamingTheField() {
		String customer = marker() + "x".repeat(40 - 13);
		assertThat(post(json(customer, "")).getStatusCode().value()).isEqualTo(201);

		String tooLong = marker() + "x".repeat(40 - 13 + 1);
		ResponseEntity<String> refused = post(json(tooLong, ""));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/customer\"");
		assertThat(stored(tooLong)).isZero();
	}

	@Test
	void quantityAboveTheMaximumThen400NamingIt() {
		ResponseEntity<String> refused = post(json(marker(), "").replace("\"quantity\":1", "\"quantity\":1001"));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody())
			.contains("{\"pointer\":\"/quantity\",\"detail\":\"must be less than or equal to 1000\"}");
	}

	@Test
	void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String customer = marker();

		assertThat(post(padded(customer, RequestBodyLimit.MAX_BYTES)).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> over = post(padded(customer, RequestBodyLimit.MAX_BYTES + 1));
		assertThat(over.getStatusCode().value()).isEqualTo(413);
		assertThat(over.getBody()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(customer)).isEqualTo(1);
	}

	@Test
	void chunkedBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String customer = marker();

		assertThat(postChunked(padded(customer, RequestBodyLimit.MAX_BYTES).getBytes(StandardCharsets.UTF_8)).status())
			.isEqualTo(201);
		RawHttp over = postChunked(padded(customer, RequestBodyLimit.MAX_BYTES + 1).getBytes(StandardCharsets.UTF_8));
		assertThat(over.status()).isEqualTo(413);
		assertThat(over.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(stored(customer)).isEqualTo(1);
	}

	@Test
	void tenMebibyteBodyWithContentLengthThen413AndNothingStored() {
		String customer = marker();
		byte[] body = huge(customer);

		// Raw bytes, not a client: a client would fail writing what the server refuses to
		// read. The answer is checked against the document all the same.
		RawHttp response = RawHttp
			.send(this.port,
					"POST /api/orders HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n",
					body)
			.assertDocumented(this.port, "POST", "/api/orders");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(customer)).isZero();
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingStored() {
		String customer = marker();

		RawHttp response = postChunked(huge(customer));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(stored(customer)).isZero();
	}

	private static String json(String customer, String padding) {
		return "{\"customer\":\"" + customer + "\",\"sku\":\"BOOK\",\"quantity\":1,\"region\":\"eu\","
				+ "\"priority\":\"standard\"}" + padding;
	}

	/** A valid body padded with whitespace, which JSON allows, to {@code size} bytes. */
	private static String padded(String customer, int size) {
		String json = json(customer, "");
		return json + " ".repeat(size - json.length());
	}

	private static byte[] huge(String customer) {
		return json(customer, " ".repeat(TEN_MIB)).getBytes(StandardCharsets.UTF_8);
	}

	private ResponseEntity<String> post(String json) {
		return this.http.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private RawHttp postChunked(byte[] body) {
		// Raw bytes, not a client: the validating client buffers a body and never chunks.
		return RawHttp
			.send(this.port,
					"POST /api/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
					RawHttp.chunked(body))
			.assertDocumented(this.port, "POST", "/api/orders");
	}

	private long stored(String customer) {
		return this.jdbc.sql("select count(*) from orders where customer = ?")
			.param(customer)
			.query(Long.class)
			.single();
	}

	/** 13 characters no other test writes. */
	private static String marker() {
		return "b" + UUID.randomUUID().toString().substring(0, 12);
	}

}
