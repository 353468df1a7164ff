package dev.backendbyexample.caching;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operations sees: hits and misses per level, loads and evictions per cache on
 * Prometheus, and the caches on Actuator.
 */
@CachingIntegrationTest
class CacheMetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void hitsMissesLoadsAndEvictionsPerLevelOnPrometheus() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		http.get().uri("/products/81").retrieve().toBodilessEntity();
		http.get().uri("/products/81").retrieve().toBodilessEntity();

		String prometheus = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(prometheus).contains("caching_requests_total{cache=\"products\",level=\"local\",result=\"hit\"}")
			.contains("caching_requests_total{cache=\"products\",level=\"redis\",result=\"miss\"}")
			.contains("caching_loads_total{cache=\"products\"}")
			.contains("caching_evictions_total{cache=\"products\",cause=\"size\"}")
			.contains("caching_local_size{cache=\"products\"}")
			.contains("caching_redis_failures_total{cache=\"products\"}")
			.contains("catalogue_queries_total{query=\"product-with-ratings\"}");
	}

	@Test
	void actuatorListsTheCaches() {
		String caches = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/caches")
			.retrieve()
			.body(String.class);

		assertThat(caches).contains("\"products\"", "\"stampede-fleet\"", "RedisLevel");
	}

}
