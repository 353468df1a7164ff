package dev.backendbyexample.security.jwt;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords are stored as Argon2id hashes behind a scheme prefix; an old BCrypt hash
 * still logs in and is upgraded on that login; an unknown user and a wrong password get
 * the same answer.
 */
@JwtIntegrationTest
class PasswordsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void passwordIsStoredAsAnArgon2idHashNeverInTheClear() {
		String username = this.api.registerUser();

		String hash = this.users.findByUsername(username).orElseThrow().passwordHash();

		assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(Api.PASSWORD);
	}

	@Test
	void legacyBcryptHashLogsInAndIsUpgradedToArgon2idOnThatLogin() {
		String username = Api.newUsername();
		UUID id = UUID.randomUUID();
		this.users.insert(new User(id, username, "{bcrypt}" + new BCryptPasswordEncoder().encode(Api.PASSWORD),
				"Legacy", Set.of(Role.USER)));

		ResponseEntity<String> response = this.api.login(username, Api.PASSWORD);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(this.users.findById(id).orElseThrow().passwordHash()).startsWith("{argon2@SpringSecurity_v5_8}");
		assertThat(this.api.login(username, Api.PASSWORD).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() {
		String username = this.api.registerUser();

		ResponseEntity<String> wrongPassword = this.api.login(username, "not the password at all");
		ResponseEntity<String> unknownUser = this.api.login(Api.newUsername(), "not the password at all");

		assertThat(wrongPassword.getStatusCode().value()).isEqualTo(401);
		assertThat(unknownUser.getStatusCode().value()).isEqualTo(401);
		assertThat(unknownUser.getBody()).isEqualTo(wrongPassword.getBody());
		assertThat(unknownUser.getHeaders().getFirst("WWW-Authenticate"))
			.isEqualTo(wrongPassword.getHeaders().getFirst("WWW-Authenticate"));
	}

	@Test
	void usernameIsCaseInsensitiveSoNoLookAlikeAccountCanBeRegistered() {
		String username = this.api.registerUser();

		assertThat(this.api.register(username.toUpperCase(), Api.PASSWORD).getStatusCode().value()).isEqualTo(409);
		assertThat(this.api.login(username.toUpperCase(), Api.PASSWORD).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void passwordShorterThanTwelveCharactersThen400NamingIt() {
		ResponseEntity<String> response = this.api.register(Api.newUsername(), "short");

		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody()).contains("\"pointer\":\"/password\"").doesNotContain("short\"");
	}

}
