package dev.backendbyexample.caching;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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

	@Autowired
	MeterRegistry meters;

	@Test
	void hitsMissesLoadsAndEvictionsPerLevelOnPrometheus() {
		RestClient http = RestClient.create("http://localhost:" + this.port);
		double localHits = requests("local", "hit");
		double localMisses = requests("local", "miss");
		double redisHits = requests("redis", "hit");
		double redisMisses = requests("redis", "miss");
		double loads = this.meters.get("caching.loads").tag("cache", "products").counter().count();
		double queries = this.meters.get("catalogue.queries").tag("query", "product-with-ratings").counter().count();

		// 81 is read by no other test: cold on both levels
		http.get().uri("/products/81").retrieve().toBodilessEntity();
		http.get().uri("/products/81").retrieve().toBodilessEntity();

		// first read: a local miss; three Redis misses (the lookup, the loader's
		// second look, and its read after taking the fleet's lease, for the counter
		// to put with); one load, one aggregate query. Second read: a local hit.
		assertThat(requests("local", "miss") - localMisses).isEqualTo(1);
		assertThat(requests("redis", "miss") - redisMisses).isEqualTo(3);
		assertThat(this.meters.get("caching.loads").tag("cache", "products").counter().count() - loads).isEqualTo(1);
		assertThat(
				this.meters.get("catalogue.queries").tag("query", "product-with-ratings").counter().count() - queries)
			.isEqualTo(1);
		assertThat(requests("local", "hit") - localHits).isEqualTo(1);
		assertThat(requests("redis", "hit") - redisHits).isZero();

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

	private double requests(String level, String result) {
		return this.meters.get("caching.requests")
			.tag("cache", "products")
			.tag("level", level)
			.tag("result", result)
			.counter()
			.count();
	}

}
