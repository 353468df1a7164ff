package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coherence across two instances: with Redis alone, a write has evicted the shared entry
 * before it returns, so the other instance's next read is fresh, at once; with a local
 * level, the other instance's copy is dropped when the invalidation arrives over pub/sub
 * (milliseconds later: the benchmark measures it). Stampedes across both: one load per
 * instance with {@code sync = true}, one in all with the lease.
 */
class TwoInstancesIntegrationTests {

	@Test
	void redisOnlyNoReadAfterAWriteReturnedSeesTheOldProductOnEitherInstance() {
		try (Fleet fleet = Fleet.start("--caching.local.enabled=false")) {
			RestClient a = fleet.httpA();
			RestClient b = fleet.httpB();
			for (int round = 1; round <= 10; round++) {
				ResponseEntity<String> cached = get(b, 41);
				assertThat(get(b, 41).getHeaders().getFirst("X-Cache")).isEqualTo("redis");

				assertThat(put(a, 41, cached.getHeaders().getETag(), "Round " + round).getStatusCode().value())
					.isEqualTo(200);

				// no waiting: the shared entry was evicted before the PUT answered
				ResponseEntity<String> fresh = get(b, 41);
				assertThat(fresh.getBody()).contains("\"name\":\"Round " + round + "\"");
				assertThat(fresh.getHeaders().getFirst("X-Cache")).isEqualTo("miss");
			}
		}
	}

	static Fleet twoLevel;

	@BeforeAll
	static void startTwoLevelFleet() {
		twoLevel = Fleet.start();
	}

	@AfterAll
	static void stopTwoLevelFleet() {
		twoLevel.close();
	}

	@Test
	void twoLevelAnUpdateOnAReachesTheLocalCopyOnB() {
		Fleet fleet = twoLevel;
		RestClient a = fleet.httpA();
		RestClient b = fleet.httpB();
		ResponseEntity<String> read = get(b, 42);
		assertThat(get(b, 42).getHeaders().getFirst("X-Cache")).isEqualTo("local");

		put(a, 42, read.getHeaders().getETag(), "Changed on A");

		// pub/sub is asynchronous: B drops its copy when the message arrives
		await().atMost(Duration.ofSeconds(10)).until(() -> localCopy(fleet.b(), 42) == null);
		ResponseEntity<String> fresh = get(b, 42);
		assertThat(fresh.getBody()).contains("\"name\":\"Changed on A\"");
		assertThat(fresh.getHeaders().getFirst("X-Cache")).as("A's eviction emptied Redis too").isEqualTo("miss");
		assertThat(get(b, 42).getHeaders().getFirst("X-Cache")).isEqualTo("local");
	}

	@Test
	void stampedeAcrossTwoInstancesLoadsAtMostOncePerInstanceWithSyncAndOnceInAllWithTheLease() throws Exception {
		Fleet fleet = twoLevel;
		// sync = true: at most one load per instance, so 2 for two instances; 1 when one
		// instance's loader had put the value on Redis before the other's looked again
		assertThat(stampede(fleet, 43, Protection.PER_INSTANCE)).isBetween(1, 2);
		assertThat(stampede(fleet, 44, Protection.FLEET)).isEqualTo(1);
		assertThat(stampede(fleet, 45, Protection.FLEET)).isEqualTo(1);
	}

	/**
	 * 100 readers on each instance, one run shared by both: every load waits until all
	 * 200 have arrived, on either instance.
	 */
	private static int stampede(Fleet fleet, long id, Protection protection) throws Exception {
		fleet.a().getBean(TwoLevelCacheManager.class).twoLevel(protection.cache()).evict(id);
		StampedeRun run = new StampedeRun(200);
		List<Future<?>> readers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 200; i++) {
				StampedeReads reads = ((i % 2 == 0) ? fleet.a() : fleet.b()).getBean(StampedeReads.class);
				readers.add(threads.submit(() -> {
					run.arrived();
					return (protection == Protection.FLEET) ? reads.fleet(id, run) : reads.perInstance(id, run);
				}));
			}
			for (Future<?> reader : readers) {
				assertThat(reader.get()).isNotNull();
			}
		}
		return run.loads();
	}

	static Object localCopy(ConfigurableApplicationContext instance, long id) {
		return instance.getBean(TwoLevelCacheManager.class)
			.twoLevel(TwoLevelCacheManager.PRODUCTS)
			.local()
			.getIfPresent(Long.toString(id));
	}

	static ResponseEntity<String> get(RestClient http, long id) {
		return http.get().uri("/products/{id}", id).retrieve().toEntity(String.class);
	}

	static ResponseEntity<String> put(RestClient http, long id, String ifMatch, String name) {
		return http.put()
			.uri("/products/{id}", id)
			.header(HttpHeaders.IF_MATCH, ifMatch)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"" + name + "\",\"description\":\"Changed\",\"priceCents\":1000}")
			.retrieve()
			.toEntity(String.class);
	}

}
