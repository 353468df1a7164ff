package dev.backendbyexample.security.jwt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Injection strings in every input: refused where the input has a shape (a username, an
 * id), stored and answered verbatim as data where it is free text, never executed, never
 * logging anyone in.
 */
@JwtIntegrationTest
class InjectionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	long users;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
		this.users = count();
	}

	@ParameterizedTest
	@ValueSource(strings = { "' OR '1'='1", "admin'--", "a\"; DROP TABLE users; --", "<script>alert(1)</script>",
			"${jndi:ldap://x/a}", "../../etc/passwd", "a\\u0000b" })
	void injectionInUsernameThen400OnRegistrationAnd401OnLoginAndNothingChanges(String attack) {
		String json = attack.replace("\\", "\\\\").replace("\"", "\\\"");

		ResponseEntity<String> registration = this.api.send(HttpMethod.POST, "/auth/register", null,
				"{\"username\":\"" + json + "\",\"password\":\"" + Api.PASSWORD + "\",\"displayName\":\"x\"}");
		ResponseEntity<String> login = this.api.send(HttpMethod.POST, "/auth/login", null,
				"{\"username\":\"" + json + "\",\"password\":\"' OR '1'='1\"}");
		ResponseEntity<String> refresh = this.api.refresh(json);

		assertThat(registration.getStatusCode().value()).isEqualTo(400);
		assertThat(login.getStatusCode().value()).isEqualTo(401);
		assertThat(refresh.getStatusCode().value()).isEqualTo(401);
		assertThat(count()).isEqualTo(this.users);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Robert'); DROP TABLE notes;--", "<img src=x onerror=alert(1)>", "{{7*7}}",
			"' UNION SELECT password_hash FROM users --" })
	void injectionInFreeTextIsStoredAndAnsweredVerbatimAsData(String attack) {
		String token = this.api.tokens(this.api.registerUser()).access();
		String json = attack.replace("\"", "\\\"");

		ResponseEntity<String> created = this.api.send(HttpMethod.POST, "/notes", token,
				"{\"title\":\"" + json + "\",\"body\":\"" + json + "\"}");

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(Api.json(created.getBody()).get("title").asString()).isEqualTo(attack);
		assertThat(created.getHeaders().getContentType().toString()).startsWith("application/json");
		assertThat(Api.json(this.api.get("/notes", token).getBody()).get(0).get("body").asString()).isEqualTo(attack);
		assertThat(this.jdbc.sql("select count(*) from notes").query(Long.class).single()).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1' OR '1'='1", "1;DROP TABLE notes", "not-a-uuid" })
	void injectionInAPathIdThen400(String attack) {
		String token = this.api.tokens(this.api.registerUser()).access();

		assertThat(
				this.api.get("/notes/" + attack.replace(" ", "%20").replace("'", "%27"), token).getStatusCode().value())
			.isEqualTo(400);
	}

	private long count() {
		return this.jdbc.sql("select count(*) from users").query(Long.class).single();
	}

}
