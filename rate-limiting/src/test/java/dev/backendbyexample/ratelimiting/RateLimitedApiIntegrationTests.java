package dev.backendbyexample.ratelimiting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API as a client sees it, with the limits on the real Redis: the standard headers on
 * every limited response, 429 with {@code Retry-After} and a problem body, one allowance
 * per client, and the counts on the Prometheus endpoint. Every API response is checked
 * against the application's own OpenAPI document ({@link OpenApiValidation}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.prometheus.metrics.export.enabled=true")
@Import(RateLimitingServices.class)
class RateLimitedApiIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	/**
	 * Actuator endpoints are operations, not the API: the document does not list them;
	 * nor does it list itself ({@code /v3/api-docs}).
	 */
	RestClient operations;

	@BeforeEach
	void clients() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		this.operations = RestClient.create("http://localhost:" + this.port);
		// The first connection to Redis can time out on a loaded machine, and the breaker
		// then fails open for a while: the counting starts once a response shows the
		// limiter answering (another client's request, so no allowance is spent).
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/token-bucket", newClient()).getHeaders().containsHeader("RateLimit"));
	}

	@Test
	void everyLimitedResponseCarriesRateLimitPolicyAndRateLimit() {
		ResponseEntity<String> response = get("/api/fixed-window", newClient());
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"fixed-window\";q=10;w=5");
		assertThat(response.getHeaders().getFirst("RateLimit")).matches("\"fixed-window\";r=9;t=[1-5]");
	}

	@Test
	void requestOverLimitGets429WithRetryAfterRoundedUpAndAProblemBody() {
		String client = newClient();
		ResponseEntity<String> rejected = get("/api/token-bucket", client);
		for (int i = 0; i < 30 && rejected.getStatusCode().value() == 200; i++) {
			rejected = get("/api/token-bucket", client);
		}
		assertThat(rejected.getStatusCode().value()).isEqualTo(429);
		// refills 2 tokens per second: less than one token short means under half a
		// second to wait, so exactly 1 once rounded up
		assertThat(rejected.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(rejected.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(rejected.getHeaders().getFirst("RateLimit")).isEqualTo("\"token-bucket\";r=0;t=5");
		assertThat(rejected.getBody()).contains("\"status\":429")
			.contains("\"title\":\"Too Many Requests\"")
			.contains("\"policy\":\"token-bucket\"");
	}

	@Test
	void eachClientHasItsOwnAllowance() {
		// The sliding log, not the fixed window: 12 requests that straddle a fixed
		// window's edge would get a fresh allowance half-way and the 12th a 200.
		String greedy = newClient();
		for (int i = 0; i < 11; i++) {
			get("/api/sliding-window-log", greedy);
		}
		assertThat(get("/api/sliding-window-log", greedy).getStatusCode().value()).isEqualTo(429);
		assertThat(get("/api/sliding-window-log", newClient()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void routesWithoutAPolicyAreNotLimited() {
		ResponseEntity<String> unlimited = get("/api/unlimited", newClient());
		assertThat(unlimited.getStatusCode().value()).isEqualTo(200);
		assertThat(unlimited.getHeaders().containsHeader("RateLimit-Policy")).isFalse();
		ResponseEntity<String> health = this.operations.get().uri("/actuator/health").retrieve().toEntity(String.class);
		assertThat(health.getStatusCode().value()).isEqualTo(200);
		assertThat(health.getHeaders().containsHeader("RateLimit-Policy")).isFalse();
	}

	@Test
	void decisionsAreCountedAndTimedOnThePrometheusEndpoint() {
		String client = newClient();
		for (int i = 0; i < 11; i++) {
			get("/api/sliding-window-log", client);
		}
		String metrics = this.operations.get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(metrics).containsPattern(
				"rate_limit_decisions_total\\{algorithm=\"sliding_window_log\",outcome=\"rejected\",policy=\"sliding-window-log\"} [1-9]")
			.containsPattern(
					"rate_limit_decisions_total\\{algorithm=\"sliding_window_log\",outcome=\"allowed\",policy=\"sliding-window-log\"} [1-9]")
			.contains("rate_limit_decision_seconds_count{algorithm=\"sliding_window_log\"");
	}

	/** Written for the linter: .ci/run runs Redocly CLI's recommended rules on it. */
	@Test
	void apiIsDescribedByOpenApiWithItsLimitsAndProblems() throws IOException {
		String document = this.operations.get().uri("/v3/api-docs").retrieve().body(String.class);
		Files.writeString(Path.of("target", "openapi.json"), document);
		assertThat(document).contains("\"title\":\"Backend by Example: rate limiting\"")
			.contains("/api/{route}")
			.contains("\"429\"", "\"503\"", "\"Retry-After\"", "\"RateLimit-Policy\"", "application/problem+json")
			.doesNotContain("greeting-controller");
	}

	private ResponseEntity<String> get(String path, String client) {
		return this.api.get().uri(path).header("X-API-Key", client).retrieve().toEntity(String.class);
	}

	private static String newClient() {
		return "client-" + UUID.randomUUID();
	}

}
