package dev.backendbyexample.security.jwt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser-facing defences: security headers on every answer (API and page), CORS only
 * for the configured origin, and no session cookie ever.
 */
@JwtIntegrationTest
class WebSecurityIntegrationTests {

	static final String ALLOWED = "https://app.example.com";

	@LocalServerPort
	int port;

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		Api api = new Api(this.port);
		for (ResponseEntity<String> response : java.util.List.of(api.get("/.well-known/jwks.json", null),
				api.get("/me", null), api.login(Api.newUsername(), "x"))) {
			assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.getHeaders().getFirst("Content-Security-Policy"))
				.isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
			assertThat(response.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.getHeaders().get("Set-Cookie")).isNull();
		}
	}

	@Test
	void tokenAnswersAreNeverCached() {
		Api api = new Api(this.port);
		String username = api.registerUser();

		ResponseEntity<String> login = api.login(username, Api.PASSWORD);

		assertThat(login.getHeaders().getCacheControl()).contains("no-store");
	}

	@Test
	void hstsIsNotSentOverPlainHttpWhereBrowsersIgnoreIt() {
		// Over HTTPS it is (SecurityConfiguration; ./bbe run with the TLS command in the
		// README).
		assertThat(new Api(this.port).get("/.well-known/jwks.json", null)
			.getHeaders()
			.getFirst("Strict-Transport-Security")).isNull();
	}

	@Test
	void preflightFromTheConfiguredOriginIsAllowed() throws Exception {
		HttpResponse<String> response = preflight(ALLOWED);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("authorization");
	}

	@Test
	void preflightFromAnyOtherOriginIsRefused() throws Exception {
		HttpResponse<String> response = preflight("https://evil.example");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void healthIsOpenButMetricsNeedAnAdmin() throws Exception {
		String user = "Bearer " + Forge.valid(java.util.UUID.randomUUID(), "USER").compact();
		String admin = "Bearer " + Forge.valid(java.util.UUID.randomUUID(), "ADMIN").compact();

		assertThat(actuator("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(actuator("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(actuator("/actuator/prometheus", user).statusCode()).isEqualTo(403);
		assertThat(actuator("/actuator/metrics", admin).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> actuator(String path, String authorization) throws Exception {
		// The JDK client: Actuator is not an operation of the documented API.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		// The JDK client: a preflight is not an operation of the API.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/notes"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

}
