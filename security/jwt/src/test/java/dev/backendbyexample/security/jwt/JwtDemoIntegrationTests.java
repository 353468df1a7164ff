package dev.backendbyexample.security.jwt;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot.
 */
@JwtIntegrationTest
class JwtDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsLogin403RotationReuseDetectionAndTheForgedTokenRefused() throws Exception {
		String transcript = Demos.record(this.context, new JwtScenario());

		assertThat(transcript).contains("POST /auth/register -> 400 Bad Request")
			.contains("POST /auth/register -> 201 Created")
			.contains("POST /auth/login -> 200 OK")
			.contains("GET /me -> 200 OK")
			.contains("GET /admin/users -> 403 Forbidden")
			.contains("GET /me -> 401 Unauthorized")
			.contains("POST /notes -> 201 Created")
			.contains("notes.body in PostgreSQL: " + TestKeys.ENCRYPTION_CURRENT_ID + ":")
			.contains("POST /auth/refresh -> 200 OK")
			.contains("POST /auth/refresh -> 401 Unauthorized")
			.contains("GET /admin/users -> 401 Unauthorized  WWW-Authenticate: Bearer error=\"invalid_token\"")
			.contains("| ES256 ", "| at+jwt ", "| iat + 10 min ", "| [\"USER\"] ")
			.doesNotContain("my bank PIN is 4921\"", "4921…");
		assertThat(transcript.lines().filter((line) -> line.contains("POST /auth/login -> 401 Unauthorized")))
			.hasSize(2);
	}

}
