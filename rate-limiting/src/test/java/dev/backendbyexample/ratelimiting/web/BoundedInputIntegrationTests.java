package dev.backendbyexample.ratelimiting.web;

import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.http.RawHttp;
import dev.backendbyexample.ratelimiting.RateLimitingApplication;
import dev.backendbyexample.ratelimiting.RateLimitingServices;
import dev.backendbyexample.ratelimiting.web.WebEdgeProbe.Echo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input has a bound, tested at the bound: a string at its maximum length and one
 * character more, a list at its maximum size and one more, a body of exactly the limit
 * and one byte more, and a 10 MiB body, declared or chunked, refused with 413 before it
 * reaches a controller.
 */
@SpringBootTest(classes = { RateLimitingApplication.class, RateLimitingServices.class, WebEdgeProbe.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BoundedInputIntegrationTests {

	static final int LIMIT = RequestBodyLimit.MAX_BYTES;

	static final int TEN_MIB = 10 * 1024 * 1024;

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void client() {
		// A plain client: every request here goes to WebEdgeProbe's /echo, a test-only
		// route, not an operation of the API (raw requests go through RawHttp).
		this.http = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void stringOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsRefused() {
		assertThat(echo(echoRequest("a".repeat(20), "[]")).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<String> refused = echo(echoRequest("a".repeat(21), "[]"));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("{\"pointer\":\"/name\",\"detail\":\"size must be between 0 and 20\"}");
	}

	@Test
	void listOfExactlyTheMaximumSizeIsAcceptedAndOneMoreIsRefused() {
		assertThat(echo(echoRequest("ada", "[\"a\",\"b\",\"c\"]")).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<String> refused = echo(echoRequest("ada", "[\"a\",\"b\",\"c\",\"d\"]"));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/tags\"");
	}

	@Test
	void stringInsideTheListIsBoundedToo() {
		assertThat(echo(echoRequest("ada", "[\"" + "t".repeat(21) + "\"]")).getBody())
			.contains("\"pointer\":\"/tags/0\"");
	}

	@Test
	void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		assertThat(echo(padded(LIMIT)).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<String> over = echo(padded(LIMIT + 1));
		assertThat(over.getStatusCode().value()).isEqualTo(413);
		assertThat(over.getBody()).contains(RequestBodyLimit.DETAIL);
	}

	@Test
	void chunkedBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		assertThat(echoChunked(padded(LIMIT).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

		RawHttp over = echoChunked(padded(LIMIT + 1).getBytes(StandardCharsets.UTF_8));
		assertThat(over.status()).isEqualTo(413);
		assertThat(over.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void tenMebibyteBodyOnAGetThen413() {
		// The API's own routes read no body: a declared length above the limit is refused
		// all the same, before Tomcat spends time swallowing it.
		byte[] body = new byte[TEN_MIB];

		// Raw bytes, not a client: a client would fail writing what the server refuses to
		// read. The answer is checked against the document all the same.
		RawHttp response = RawHttp
			.send(this.port,
					"GET /api/hello HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n",
					body)
			.assertDocumented(this.port, "GET", "/api/hello");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingReachesTheController() {
		int before = Echo.received.get();

		RawHttp response = echoChunked(echoRequest("a".repeat(TEN_MIB), "[]").getBytes(StandardCharsets.UTF_8));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(Echo.received.get()).isEqualTo(before);
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

	private RawHttp echoChunked(byte[] body) {
		// Raw bytes to the probe's /echo: the validating client never chunks a body.
		return RawHttp.send(this.port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", RawHttp.chunked(body));
	}

	static String echoRequest(String name, String tags) {
		return "{\"name\":\"" + name + "\",\"tags\":" + tags + ",\"count\":1,\"loud\":false}";
	}

	/** A valid body padded with whitespace, which JSON allows, to {@code size} bytes. */
	private static String padded(int size) {
		String json = echoRequest("ada", "[]");
		return json + " ".repeat(size - json.length());
	}

}
