package dev.backendbyexample.security.jwt;

import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.http.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input has a bound, tested at the bound: a field at its maximum length and one
 * character more, a body of exactly {@link RequestBodyLimit#MAX_BYTES} and one byte more,
 * a 10 MiB chunked body; refused with 400 or 413 and nothing stored.
 */
@JwtIntegrationTest
class BoundedInputIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

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
	void titleOfExactlyTheMaximumLengthIsAcceptedAndOneMoreIsRefusedNamingIt() {
		String title = marker() + "x".repeat(NoteController.TITLE_MAX - 36);

		assertThat(note(title, "b").getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> refused = note(title + "x", "b");
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/title\"").contains("size must be between 0 and 200");
		assertThat(stored(title + "x")).isZero();
	}

	@Test
	void bodyOverItsMaximumThen400NamingIt() {
		ResponseEntity<String> refused = note(marker(), "b".repeat(NoteController.BODY_MAX + 1));

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/body\"");
	}

	@Test
	void requestOfExactlyTheBodyLimitIsReadAndOneByteMoreThen413() {
		String title = marker();
		String json = "{\"title\":\"" + title + "\",\"body\":\"b\"}";
		String exactly = json + " ".repeat(RequestBodyLimit.MAX_BYTES - json.getBytes(StandardCharsets.UTF_8).length);

		assertThat(this.api.send(HttpMethod.POST, "/notes", token, exactly).getStatusCode().value()).isEqualTo(201);
		ResponseEntity<String> tooLarge = this.api.send(HttpMethod.POST, "/notes", token,
				exactly.replace(title, marker()) + " ");
		assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
	}

	@Test
	void tenMebibyteChunkedBodyThen413AndNothingStored() {
		String title = marker();
		byte[] body = ("{\"title\":\"" + title + "\",\"body\":\"" + "b".repeat(10 * 1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		// Raw bytes: a chunked body has no Content-Length to refuse up front.
		RawHttp response = RawHttp.send(this.port,
				"POST /notes HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
						+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
				RawHttp.chunked(body));

		assertThat(response.status()).isEqualTo(413);
		assertThat(stored(title)).isZero();
	}

	@Test
	void loginWithAPasswordOverItsMaximumThen400BeforeAnyHash() {
		ResponseEntity<String> refused = this.api.login(Api.newUsername(), "p".repeat(AuthController.PASSWORD_MAX + 1));

		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody()).contains("\"pointer\":\"/password\"");
	}

	private ResponseEntity<String> note(String title, String body) {
		return this.api.send(HttpMethod.POST, "/notes", token,
				"{\"title\":\"" + title + "\",\"body\":\"" + body + "\"}");
	}

	private long stored(String title) {
		return this.jdbc.sql("select count(*) from notes where title = :title")
			.param("title", title)
			.query(Long.class)
			.single();
	}

	private static String marker() {
		return java.util.UUID.randomUUID().toString();
	}

}
