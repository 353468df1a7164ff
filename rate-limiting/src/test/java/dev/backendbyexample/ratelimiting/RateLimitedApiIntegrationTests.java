package dev.backendbyexample.ratelimiting;

import java.util.UUID;

import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a client sees it, with the limits on the real Redis: the standard headers on
 * every limited response, 429 with {@code Retry-After} and a problem body, one allowance
 * per client, and the counts on the Prometheus endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.prometheus.metrics.export.enabled=true")
@Import(RateLimitingServices.class)
class RateLimitedApiIntegrationTests {

	@LocalServerPort
	int port;

	DemoHttp http;

	@BeforeEach
	void client() {
		this.http = DemoHttp.localhost(this.port);
	}

	@Test
	void everyLimitedResponseCarriesRateLimitPolicyAndRateLimit() {
		DemoResponse response = this.http.get("/api/fixed-window", "X-API-Key", newClient());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("RateLimit-Policy")).hasValue("\"fixed-window\";q=10;w=5");
		assertThat(response.header("RateLimit"))
			.hasValueSatisfying((value) -> assertThat(value).matches("\"fixed-window\";r=9;t=[1-5]"));
	}

	@Test
	void requestOverLimitGets429WithRetryAfterRoundedUpAndAProblemBody() {
		String client = newClient();
		DemoResponse rejected = this.http.get("/api/token-bucket", "X-API-Key", client);
		for (int i = 0; i < 30 && rejected.status() == 200; i++) {
			rejected = this.http.get("/api/token-bucket", "X-API-Key", client);
		}
		assertThat(rejected.status()).isEqualTo(429);
		// refills 2 tokens per second: less than one token short means under half a
		// second to wait, so exactly 1 once rounded up
		assertThat(rejected.header("Retry-After")).hasValue("1");
		assertThat(rejected.header("Content-Type")).hasValue("application/problem+json");
		assertThat(rejected.header("RateLimit")).hasValue("\"token-bucket\";r=0;t=5");
		assertThat(rejected.body()).contains("\"status\":429")
			.contains("\"title\":\"Too Many Requests\"")
			.contains("\"policy\":\"token-bucket\"");
	}

	@Test
	void eachClientHasItsOwnAllowance() {
		// The sliding log, not the fixed window: 12 requests that straddle a fixed
		// window's edge would get a fresh allowance half-way and the 12th a 200.
		String greedy = newClient();
		for (int i = 0; i < 11; i++) {
			this.http.get("/api/sliding-window-log", "X-API-Key", greedy);
		}
		assertThat(this.http.get("/api/sliding-window-log", "X-API-Key", greedy).status()).isEqualTo(429);
		assertThat(this.http.get("/api/sliding-window-log", "X-API-Key", newClient()).status()).isEqualTo(200);
	}

	@Test
	void routesWithoutAPolicyAreNotLimited() {
		DemoResponse health = this.http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.header("RateLimit-Policy")).isEmpty();
	}

	@Test
	void decisionsAreCountedAndTimedOnThePrometheusEndpoint() {
		String client = newClient();
		for (int i = 0; i < 11; i++) {
			this.http.get("/api/sliding-window-log", "X-API-Key", client);
		}
		String metrics = this.http.get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern(
				"rate_limit_decisions_total\\{algorithm=\"sliding_window_log\",outcome=\"rejected\",policy=\"sliding-window-log\"} [1-9]")
			.containsPattern(
					"rate_limit_decisions_total\\{algorithm=\"sliding_window_log\",outcome=\"allowed\",policy=\"sliding-window-log\"} [1-9]")
			.contains("rate_limit_decision_seconds_count{algorithm=\"sliding_window_log\"");
	}

	@Test
	void apiIsDescribedByOpenApi() {
		DemoResponse docs = this.http.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/{route}");
	}

	private static String newClient() {
		return "client-" + UUID.randomUUID();
	}

}
