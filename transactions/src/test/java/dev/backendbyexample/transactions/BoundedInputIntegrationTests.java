package dev.backendbyexample.transactions;

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
 * Every input has a bound, tested at the bound: a string field at its maximum length and
 * one character more, a body of exactly {@link RequestBodyLimit#MAX_BYTES} and one byte
 * more, and a 10 MiB body, declared or chunked, refused with 413 and nothing stored.
 */
@TransactionsIntegrationTest
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
	void ownerOfExactlyTheMaximumLengthIsAccepted() {
		String owner = marker() + "x".repeat(AccountController.OWNER_MAX_LENGTH - 36);

		assertThat(open(owner).getStatusCode().value()).isEqualTo(201);
		assertThat(stored(owner)).isEqualTo(1);
	}

	@Test
	void ownerOneCharacterTooLongThen400NamingTheFieldAndNothingStored() {
		String owner = marker() + "x".repeat(AccountController.OWNER_MAX_LENGTH - 36 + 1);

		ResponseEntity<String> response = open(owner);

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getBody()).contains("\"pointer\":\"/owner\"").contains("size must be between 0 and 200");
		assertThat(stored(owner)).isZero();
	}

	@Test
	void blankOwnerThen400NamingTheField() {
		assertThat(open("   ").getBody()).contains("\"pointer\":\"/owner\"").contains("must not be blank");
	}

	@Test
	void idempotencyKeyOfExactly255CharactersIsAcceptedAndOneMoreIsRefusedNamingTheHeader() {
		long from = id(open(marker()));
		long to = id(open(marker()));

		assertThat(transfer(from, to, "k".repeat(255)).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> refused = transfer(from, to, "k".repeat(256));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody())
			.contains("{\"parameter\":\"Idempotency-Key\",\"detail\":\"size must be between 1 and 255\"}");
	}

	@Test
	void pageSizeAboveTheMaximumThen400NamingTheParameter() {
		ResponseEntity<String> refused = this.http.get().uri("/transfers?limit=1001").retrieve().toEntity(String.class);

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody())
			.contains("{\"parameter\":\"limit\",\"detail\":\"must be less than or equal to 1000\"}");
	}

	@Test
	void bodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String owner = marker();

		assertThat(post(padded(owner, RequestBodyLimit.MAX_BYTES)).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> over = post(padded(owner, RequestBodyLimit.MAX_BYTES + 1));
		assertThat(over.getStatusCode().value()).isEqualTo(413);
		assertThat(over.getBody()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(owner)).isEqualTo(1);
	}

	@Test
	void chunkedBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		String owner = marker();

		assertThat(postChunked(padded(owner, RequestBodyLimit.MAX_BYTES)).status()).isEqualTo(201);
		RawHttp over = postChunked(padded(owner, RequestBodyLimit.MAX_BYTES + 1));
		assertThat(over.status()).isEqualTo(413);
		assertThat(over.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(stored(owner)).isEqualTo(1);
	}

	@Test
	void tenMebibyteBodyWithContentLengthThen413AndNothingStored() {
		String owner = marker();
		byte[] body = huge(owner);

		// Raw bytes, not a client: a client would fail writing what the server refuses to
		// read. The answer is checked against the document all the same.
		RawHttp response = RawHttp
			.send(this.port,
					"POST /accounts HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n",
					body)
			.assertDocumented(this.port, "POST", "/accounts");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(owner)).isZero();
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingStored() {
		String owner = marker();

		RawHttp response = postChunked(huge(owner));

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.body()).contains(RequestBodyLimit.DETAIL);
		assertThat(stored(owner)).isZero();
	}

	private ResponseEntity<String> open(String owner) {
		return post("{\"owner\":\"" + owner + "\",\"balance\":1}");
	}

	private ResponseEntity<String> transfer(long from, long to, String idempotencyKey) {
		return this.http.post()
			.uri("/transfers")
			.contentType(MediaType.APPLICATION_JSON)
			.header(TransferController.IDEMPOTENCY_KEY, idempotencyKey)
			.body("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":1}")
			.retrieve()
			.toEntity(String.class);
	}

	private static long id(ResponseEntity<String> response) {
		return Long.parseLong(response.getBody().replaceAll(".*\"id\":(\\d+).*", "$1"));
	}

	private ResponseEntity<String> post(String json) {
		return this.http.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private RawHttp postChunked(String json) {
		return postChunked(json.getBytes(StandardCharsets.UTF_8));
	}

	private RawHttp postChunked(byte[] body) {
		// Raw bytes, not a client: the validating client buffers a body and never chunks.
		// The answer is checked against the document all the same.
		return RawHttp
			.send(this.port,
					"POST /accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
					RawHttp.chunked(body))
			.assertDocumented(this.port, "POST", "/accounts");
	}

	/** A valid body padded with whitespace, which JSON allows, to {@code size} bytes. */
	private static String padded(String owner, int size) {
		String json = "{\"owner\":\"" + owner + "\",\"balance\":1}";
		return json + " ".repeat(size - json.length());
	}

	/** An owner of 10 MiB: what the reviewer got stored and echoed. */
	private static byte[] huge(String owner) {
		return ("{\"owner\":\"" + owner + "x".repeat(TEN_MIB) + "\",\"balance\":1}").getBytes(StandardCharsets.UTF_8);
	}

	private int stored(String ownerPrefix) {
		return this.jdbc.sql("select count(*) from account where owner like ?")
			.param(ownerPrefix.substring(0, 36) + "%")
			.query(Integer.class)
			.single();
	}

	/** 36 characters no other test writes. */
	private static String marker() {
		return UUID.randomUUID().toString();
	}

}
