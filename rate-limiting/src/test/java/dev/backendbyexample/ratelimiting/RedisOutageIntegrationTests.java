package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.backendbyexample.testsupport.net.TcpProxy;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real outage: the limiter's Redis connection runs through a proxy this test cuts
 * mid-run. A fail-open route keeps answering 200 (and counts it), a fail-closed route
 * answers 503 with {@code Retry-After}; the circuit opens so later requests do not wait
 * for Redis at all; once the proxy is restored both routes are limited again, by
 * themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rate-limiting.redis.breaker-open-for=1s", "rate-limiting.policies.open.paths=/api/open",
				"rate-limiting.policies.open.algorithm=token-bucket", "rate-limiting.policies.open.limit=1000",
				"rate-limiting.policies.open.window=10s", "rate-limiting.policies.open.on-outage=fail-open",
				"rate-limiting.policies.closed.paths=/api/closed",
				"rate-limiting.policies.closed.algorithm=sliding-window-counter",
				"rate-limiting.policies.closed.limit=1000", "rate-limiting.policies.closed.window=10s",
				"rate-limiting.policies.closed.on-outage=fail-closed" })
@Import(RateLimitingServices.class)
class RedisOutageIntegrationTests {

	static final TcpProxy proxy = TcpProxy.start();

	@DynamicPropertySource
	static void limiterThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("rate-limiting.redis.host", () -> "127.0.0.1");
		registry.add("rate-limiting.redis.port", proxy::port);
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	DataRedisConnectionDetails redis;

	@Autowired
	CircuitBreaker breaker;

	@Autowired
	MeterRegistry meters;

	@Test
	void failOpenAllowsFailClosedRefusesAndBothRecoverByThemselves() {
		proxy.to(this.redis.getStandalone().getHost(), this.redis.getStandalone().getPort());
		RestClient http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		String client = "client-" + UUID.randomUUID();
		AtomicInteger notPermitted = new AtomicInteger();
		// Counted by event, not read from the breaker's metrics: those restart with
		// every state change, and the breaker may go half-open and open again meanwhile.
		this.breaker.getEventPublisher().onCallNotPermitted((event) -> notPermitted.incrementAndGet());

		// Before: both routes limited on Redis.
		awaitLimitedOnRedis(http, client);
		assertThat(get(http, "/api/closed", client).getStatusCode().value()).isEqualTo(200);

		proxy.cut();

		ResponseEntity<String> closed = get(http, "/api/closed", client);
		assertThat(closed.getStatusCode().value()).isEqualTo(503);
		assertThat(closed.getHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(closed.getBody()).contains("\"status\":503").contains("\"policy\":\"closed\"");
		ResponseEntity<String> open = get(http, "/api/open", client);
		assertThat(open.getStatusCode().value()).isEqualTo(200);
		assertThat(open.getHeaders().containsHeader("RateLimit")).as("nothing is known about the quota").isFalse();

		// The circuit is open: these are answered without a call to Redis.
		for (int i = 0; i < 20; i++) {
			assertThat(get(http, "/api/open", client).getStatusCode().value()).isEqualTo(200);
		}
		assertThat(notPermitted.get()).isPositive();
		assertThat(failedOpen()).isGreaterThanOrEqualTo(21);

		proxy.restore();

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(http, "/api/closed", client).getStatusCode().value() == 200);
		assertThat(get(http, "/api/open", client).getHeaders().containsHeader("RateLimit")).isTrue();
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	/**
	 * A Redis that stops answering without closing the connection: each call that reaches
	 * it waits the whole command timeout (250 ms). Only the first call and one trial per
	 * half-open breaker may pay it; every other request is answered without asking Redis.
	 */
	@Test
	void redisThatStopsAnsweringCostsOneTimeoutPerBreakerTrialNotOnePerRequest() {
		proxy.to(this.redis.getStandalone().getHost(), this.redis.getStandalone().getPort());
		RestClient http = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		String client = "client-" + UUID.randomUUID();
		awaitLimitedOnRedis(http, client);
		AtomicInteger waitedForRedis = new AtomicInteger();
		AtomicInteger trials = new AtomicInteger();
		this.breaker.getEventPublisher().onError((event) -> waitedForRedis.incrementAndGet());
		this.breaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.HALF_OPEN) {
				trials.incrementAndGet();
			}
		});

		proxy.stall();
		try {
			for (int i = 0; i < 20; i++) {
				assertThat(get(http, "/api/open", client).getStatusCode().value()).isEqualTo(200);
			}
			assertThat(waitedForRedis.get()).isPositive().isLessThanOrEqualTo(1 + trials.get());
		}
		finally {
			proxy.resume();
		}
		awaitLimitedOnRedis(http, client);
	}

	/**
	 * What a load balancer sees while Redis is cut: readiness stays UP (Redis is not in
	 * the group) and the whole health answers 200, with the limiter's Redis DEGRADED, not
	 * DOWN; fail-open routes keep answering 200 meanwhile. Pulling every instance for an
	 * outage all of them share would turn a limiter outage into an API outage.
	 */
	@Test
	void redisCutThenReadinessStaysUpAndHealthSaysDegradedNotDown() {
		proxy.to(this.redis.getStandalone().getHost(), this.redis.getStandalone().getPort());
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		// Actuator is not part of the API's document: a plain client that never throws.
		RestClient actuator = RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/actuator")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		String client = "client-" + UUID.randomUUID();
		awaitLimitedOnRedis(api, client);
		assertThat(actuator(actuator, "/health").getBody()).contains("\"rateLimiterRedis\":{\"status\":\"UP\"}");

		proxy.cut();
		try {
			assertThat(get(api, "/api/open", client).getStatusCode().value()).isEqualTo(200);
			ResponseEntity<String> readiness = actuator(actuator, "/health/readiness");
			assertThat(readiness.getStatusCode().value()).isEqualTo(200);
			assertThat(readiness.getBody()).as("the application's own state, nothing else")
				.isEqualTo("{\"components\":{\"readinessState\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
			ResponseEntity<String> health = actuator(actuator, "/health");
			assertThat(health.getStatusCode().value()).isEqualTo(200);
			assertThat(health.getBody()).endsWith("\"status\":\"DEGRADED\"}")
				.contains("\"rateLimiterRedis\":{\"description\":\"Redis cannot answer: fail-open routes are not "
						+ "limited, fail-closed routes answer 503\",\"status\":\"DEGRADED\"}");
			assertThat(actuator(actuator, "/health/liveness").getStatusCode().value()).isEqualTo(200);
			for (int i = 0; i < 5; i++) {
				assertThat(get(api, "/api/open", client).getStatusCode().value()).isEqualTo(200);
			}
		}
		finally {
			proxy.restore();
		}
		awaitLimitedOnRedis(api, client);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> actuator(actuator, "/health").getBody(), (body) -> body.endsWith("\"status\":\"UP\"}"));
	}

	private static ResponseEntity<String> actuator(RestClient actuator, String path) {
		return actuator.get().uri(path).retrieve().toEntity(String.class);
	}

	/** Redis answers and the breaker is closed: a response carries the quota again. */
	private static void awaitLimitedOnRedis(RestClient http, String client) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(http, "/api/open", client).getHeaders().containsHeader("RateLimit"));
	}

	private static ResponseEntity<String> get(RestClient http, String path, String client) {
		return http.get().uri(path).header("X-API-Key", client).retrieve().toEntity(String.class);
	}

	private double failedOpen() {
		return this.meters.get("rate.limit.decisions")
			.tag("policy", "open")
			.tag("outcome", "failed_open")
			.counter()
			.count();
	}

}
