package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on random ports, 16 concurrent clients sharing one API key,
 * spread over both instances, for several windows. On Redis the fleet admits exactly the
 * limit per window; with in-memory limiters each instance admits the limit, so the fleet
 * admits twice as many: the reason the counts live in Redis.
 * <p>
 * Both instances read the same hand-moved clock (sent to the scripts instead of Redis's
 * {@code TIME}), so "per window" is exact however slowly the machine runs.
 */
class MultiInstanceIntegrationTests {

	static final Duration WINDOW = Duration.ofSeconds(10);

	static final int LIMIT = 20;

	static final int CLIENTS = 16;

	static final int REQUESTS_PER_CLIENT = 3;

	static final int WINDOWS = 4;

	static final MutableClock CLOCK = MutableClock.atWindowStart(WINDOW);

	static final List<String> ALGORITHMS = List.of("fixed-window", "sliding-window-log", "sliding-window-counter",
			"token-bucket", "leaky-bucket");

	@Test
	void redisAdmitsNoMoreThanTheLimitInAnyWindowAcrossTwoInstances() throws Exception {
		try (Fleet fleet = Fleet.start("redis")) {
			for (String algorithm : ALGORITHMS) {
				for (int window = 0; window < WINDOWS; window++) {
					// two windows on: every algorithm has its whole allowance back
					CLOCK.advance(WINDOW.multipliedBy(2));
					int admitted = fleet.burst("/api/shared-" + algorithm, "client-" + UUID.randomUUID());
					assertThat(admitted).as("%s, window %d", algorithm, window).isEqualTo(LIMIT);
				}
			}
		}
	}

	@Test
	void inMemoryLimitersOverAdmitAcrossTwoInstances() throws Exception {
		try (Fleet fleet = Fleet.start("memory")) {
			for (int window = 0; window < WINDOWS; window++) {
				CLOCK.advance(WINDOW.multipliedBy(2));
				int admitted = fleet.burst("/api/shared-fixed-window", "client-" + UUID.randomUUID());
				// each instance counts alone: 24 requests reach each, 20 get through each
				assertThat(admitted).as("window %d", window).isEqualTo(2 * LIMIT);
			}
		}
	}

	/** Two instances sharing one Redis namespace, and the clients that hit them. */
	record Fleet(ConfigurableApplicationContext first, ConfigurableApplicationContext second,
			List<RestClient> instances, ExecutorService clients) implements AutoCloseable {

		static Fleet start(String backend) {
			ConfigurableApplicationContext first = instance(backend, null);
			ConfigurableApplicationContext second = instance(backend,
					first.getEnvironment().getProperty("bbe.namespace"));
			return new Fleet(first, second, List.of(http(first), http(second)), Executors.newFixedThreadPool(CLIENTS));
		}

		private static ConfigurableApplicationContext instance(String backend, String namespace) {
			List<String> args = new ArrayList<>(
					List.of("--server.port=0", "--spring.main.banner-mode=off", "--rate-limiting.backend=" + backend));
			if (namespace != null) {
				// join the first instance's keys
				args.add("--bbe.namespace=" + namespace);
			}
			for (String algorithm : ALGORITHMS) {
				String policy = "--rate-limiting.policies.shared-" + algorithm;
				args.addAll(List.of(policy + ".paths=/api/shared-" + algorithm, policy + ".algorithm=" + algorithm,
						policy + ".limit=" + LIMIT, policy + ".window=" + window(algorithm)));
			}
			return SpringApplication.from(RateLimitingApplication::main)
				.with(RateLimitingServices.class, SharedClock.class)
				.run(args.toArray(String[]::new))
				.getApplicationContext();
		}

		/**
		 * The leaky bucket makes admitted requests wait their turn in real time: a short
		 * window keeps its queue (20 places, 50 ms apart) under a second.
		 */
		private static String window(String algorithm) {
			return algorithm.equals("leaky-bucket") ? "1s" : WINDOW.toSeconds() + "s";
		}

		private static RestClient http(ConfigurableApplicationContext context) {
			return OpenApiValidation
				.restClient("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
				.build();
		}

		/**
		 * All clients start together on a latch; client i sends its requests to instance
		 * i % 2, so both instances serve the same key at the same time.
		 */
		int burst(String path, String apiKey) throws Exception {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				RestClient instance = this.instances.get(i % 2);
				results.add(this.clients.submit(() -> {
					start.await();
					int admitted = 0;
					for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
						int status = instance.get()
							.uri(path)
							.header("X-API-Key", apiKey)
							.retrieve()
							.toBodilessEntity()
							.getStatusCode()
							.value();
						assertThat(status).isIn(200, 429);
						admitted += (status == 200) ? 1 : 0;
					}
					return admitted;
				}));
			}
			start.countDown();
			int admitted = 0;
			for (Future<Integer> result : results) {
				admitted += result.get(60, TimeUnit.SECONDS);
			}
			return admitted;
		}

		@Override
		public void close() {
			this.clients.shutdownNow();
			this.second.close();
			this.first.close();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SharedClock {

		@Bean
		InstantSource rateLimitClock() {
			return CLOCK;
		}

	}

}
