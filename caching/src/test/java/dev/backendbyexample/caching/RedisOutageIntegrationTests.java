package dev.backendbyexample.caching;

import java.time.Duration;

import dev.backendbyexample.testsupport.net.TcpProxy;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis down, for real: the cache's connections run through a proxy this test cuts. Reads
 * fall through to PostgreSQL and answer 200; readiness stays UP while health says
 * DEGRADED; a write made during the outage could not evict Redis's copy, so that eviction
 * is retried when Redis is back, and until then reads of that key bypass the cache: the
 * old copy still on Redis is never served.
 */
@SpringBootTest(classes = { CachingApplication.class, CachingServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { SmallSeed.PRODUCTS, SmallSeed.REVIEWS })
class RedisOutageIntegrationTests {

	static final TcpProxy proxy = TcpProxy.start().to("127.0.0.1", 6379);

	@DynamicPropertySource
	static void cacheThroughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("caching.redis.host", () -> "127.0.0.1");
		registry.add("caching.redis.port", proxy::port);
	}

	@AfterAll
	static void stopProxy() {
		proxy.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	DataRedisConnectionDetails redis;

	@Test
	void redisCutThenReadsFallThroughReadinessStaysUpAndAWriteMeanwhileIsNotLost() {
		proxy.to(this.redis.getStandalone().getHost(), this.redis.getStandalone().getPort());
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		RestClient actuator = RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/actuator")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		ResponseEntity<String> read = get(api, 61);
		assertThat(get(api, 61).getHeaders().getFirst("X-Cache")).isEqualTo("local");

		proxy.cut();
		try {
			// the cached copy is on Redis and (until the subscription noticed) local
			for (int i = 0; i < 5; i++) {
				assertThat(get(api, 62).getStatusCode().value()).isEqualTo(200);
			}
			ResponseEntity<String> written = api.put()
				.uri("/products/61")
				.header(HttpHeaders.IF_MATCH, read.getHeaders().getETag())
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"name\":\"Written during the outage\",\"description\":\"x\",\"priceCents\":1}")
				.retrieve()
				.toEntity(String.class);
			assertThat(written.getStatusCode().value()).isEqualTo(200);
			assertThat(get(api, 61).getBody()).contains("Written during the outage");

			ResponseEntity<String> readiness = actuator.get()
				.uri("/health/readiness")
				.retrieve()
				.toEntity(String.class);
			assertThat(readiness.getStatusCode().value()).isEqualTo(200);
			ResponseEntity<String> health = actuator.get().uri("/health").retrieve().toEntity(String.class);
			assertThat(health.getStatusCode().value()).isEqualTo(200);
			assertThat(health.getBody()).contains("\"cacheRedis\":{\"description\":\"Redis cannot answer")
				.endsWith("\"status\":\"DEGRADED\"}");
		}
		finally {
			proxy.restore();
		}

		// Redis still holds the pre-outage copy of 61 until the retried eviction removes
		// it; no read may return it meanwhile. The assertion is outside what Awaitility
		// retries: a single stale read fails the test at once. Only the wait for the
		// cache to take 61 again (anything but a miss) is retried.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			ResponseEntity<String> after = get(api, 61);
			assertThat(after.getBody()).contains("Written during the outage");
			return !"miss".equals(after.getHeaders().getFirst("X-Cache"));
		});
		assertThat(actuator.get().uri("/health").retrieve().body(String.class)).endsWith("\"status\":\"UP\"}");
	}

	private static ResponseEntity<String> get(RestClient api, long id) {
		return api.get().uri("/products/{id}", id).retrieve().toEntity(String.class);
	}

}
