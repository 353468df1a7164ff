package dev.backendbyexample.security.jwt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never reach the log: with this application's and Spring Security's loggers at
 * DEBUG, a registration, a login, a failed login, a refresh, an authenticated call, a
 * refused token and a logout print no password, no hash, no token and no note body.
 */
@JwtIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LoggingSystem logging;

	@Autowired
	Users users;

	@Test
	void aWholeSessionAtDebugLogsNoSecret(CapturedOutput output) {
		// The server's loggers only: the test's own client would log what it sends.
		String[] loggers = { "dev.backendbyexample.security.jwt", "org.springframework.security",
				"org.springframework.web.servlet", "org.springframework.web.filter", "org.springframework.jdbc" };
		for (String logger : loggers) {
			this.logging.setLogLevel(logger, LogLevel.DEBUG);
		}
		try {
			Api api = new Api(this.port);
			String username = api.registerUser();
			api.login(username, "a wrong password that must not be logged");
			Api.Tokens tokens = api.tokens(username);
			Api.Tokens rotated = Api.Tokens.of(api.refresh(tokens.refresh()).getBody());
			api.send(HttpMethod.POST, "/notes", rotated.access(), "{\"title\":\"t\",\"body\":\"note body secret\"}");
			api.get("/me", rotated.access() + "x");
			api.logout(rotated.refresh());
			String hash = this.users.findByUsername(username).orElseThrow().passwordHash();

			assertThat(output.getAll()).contains(username)
				.doesNotContain(Api.PASSWORD, "a wrong password that must not be logged", hash,
						hash.substring(hash.lastIndexOf('$') + 1), tokens.access(), tokens.refresh(), rotated.access(),
						rotated.refresh(), rotated.access().split("\\.")[2], "note body secret");
		}
		finally {
			for (String logger : loggers) {
				this.logging.setLogLevel(logger, null);
			}
		}
	}

}
