package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot. Times are printed,
 * not checked.
 */
@CachingIntegrationTest
class CachingDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsFourWaysAFreshReadAfterAWriteAndTheStampede() throws Exception {
		String transcript = Demos.record(this.context, new CachingScenario());

		assertThat(transcript).contains("GET /products/42 -> 200 OK  X-Cache: miss  ETag: \"p42-v1\"")
			.contains("GET /products/42 -> 200 OK  X-Cache: redis")
			.contains("GET /products/42 -> 200 OK  X-Cache: local")
			.contains("GET /products/42 -> 304 Not Modified  X-Cache: local  ETag: \"p42-v1\"")
			.containsPattern("expensive queries on B: (\\d+) before, \\1 after")
			.containsPattern("PostgreSQL \\(both levels evicted\\) +\\| miss +\\| \\d+\\.\\d\\d ms")
			.containsPattern("Caffeine hit +\\| local +\\| \\d+\\.\\d\\d ms")
			.contains("PUT /products/42 -> 200 OK  ETag: \"p42-v2\"")
			.containsPattern("B heard the invalidation \\d+\\.\\d\\d ms after A published it")
			.contains("GET /products/42 -> 200 OK  X-Cache: miss  ETag: \"p42-v2\"")
			.contains("B now says: Renamed on A")
			.containsPattern("per-instance +\\| 1\\b")
			.containsPattern("fleet +\\| 1\\b")
			.containsPattern("none +\\| ([2-9]|\\d\\d+)");
	}

}
