package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import org.awaitility.Awaitility;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo: a second instance joins the first; one product read four ways (PostgreSQL, a
 * Redis hit, a Caffeine hit, a 304) with the time of each; a write on A and the fresh
 * read on B; a stampede of 200 readers with and without protection, loads counted.
 */
class CachingScenario implements DemoScenario {

	static final long PRODUCT = 42;

	static final int SAMPLES = 50;

	@Override
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		narrator.title("Caching: PostgreSQL behind Redis behind Caffeine, two instances");
		narrator.step("A second instance, B, joins A's database and Redis namespace");
		try (ConfigurableApplicationContext b = secondInstance(demo.context())) {
			DemoHttp httpA = demo.http();
			DemoHttp httpB = DemoHttp.localhost(Integer.parseInt(b.getEnvironment().getProperty("local.server.port")));
			Products productsB = b.getBean(Products.class);
			TwoLevelCache cacheA = demo.bean(TwoLevelCacheManager.class).twoLevel(TwoLevelCacheManager.PRODUCTS);
			TwoLevelCache cacheB = b.getBean(TwoLevelCacheManager.class).twoLevel(TwoLevelCacheManager.PRODUCTS);
			String path = "/products/" + PRODUCT;
			narrator.say("A on " + httpA.base() + ", B on " + httpB.base());

			narrator.step("Read product " + PRODUCT + " on A, then on B, then on B again");
			cacheA.evict(PRODUCT);
			DemoResponse miss = httpA.get(path);
			narrator.exchange(miss, "X-Cache", "ETag");
			narrator.exchange(httpB.get(path), "X-Cache");
			DemoResponse local = httpB.get(path);
			narrator.exchange(local, "X-Cache");
			narrator.why("A missed both levels and asked PostgreSQL; B found it on Redis and kept it locally.");

			narrator.step("Revalidate on B with If-None-Match: " + miss.header("ETag").orElseThrow());
			long before = productsB.expensiveQueries();
			DemoResponse notModified = httpB.get(path, "If-None-Match", miss.header("ETag").orElseThrow());
			narrator.exchange(notModified, "X-Cache", "ETag");
			narrator.say("expensive queries on B: " + before + " before, " + productsB.expensiveQueries() + " after");
			narrator.why("the ETag is the product's version, checked before the aggregate query, which never ran.");

			narrator.step("The same read four ways, median of " + SAMPLES + " each (HTTP round trip included)");
			List<List<String>> rows = new ArrayList<>();
			rows.add(row("PostgreSQL (both levels evicted)", "miss", median(() -> {
				cacheA.evict(PRODUCT);
				return httpB.get(path);
			})));
			rows.add(row("Redis hit (B's local copy dropped)", "redis", median(() -> {
				cacheB.dropLocal(Long.toString(PRODUCT));
				return httpB.get(path);
			})));
			rows.add(row("Caffeine hit", "local", median(() -> httpB.get(path))));
			String etag = httpB.get(path).header("ETag").orElseThrow();
			rows.add(row("304 Not Modified", "local", median(() -> httpB.get(path, "If-None-Match", etag))));
			narrator.table(List.of("read", "X-Cache", "median"), rows);
			narrator.why("each level saves a hop: the aggregate query, then the network to Redis, then the body.");

			narrator.step("Write on A, read on B");
			CompletableFuture<Long> heard = new CompletableFuture<>();
			b.getBean(Invalidations.class)
				.onInvalidation((invalidation) -> heard.complete(System.nanoTime() - invalidation.sentAtNanos()));
			DemoResponse written = httpA.send("PUT", path,
					"{\"name\":\"Renamed on A\",\"description\":\"Changed\",\"priceCents\":999}", "If-Match", etag);
			narrator.exchange(written, "ETag");
			long delay = heard.get(10, TimeUnit.SECONDS);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> cacheB.local().getIfPresent(Long.toString(PRODUCT)) == null);
			narrator
				.say(String.format(Locale.ROOT, "B heard the invalidation %.2f ms after A published it", delay / 1e6));
			DemoResponse fresh = httpB.get(path);
			narrator.exchange(fresh, "X-Cache", "ETag");
			narrator.say("B now says: " + fresh.body().replaceAll(".*\"name\":\"([^\"]*)\".*", "$1"));
			narrator.why("A evicted Redis before answering and published the key; B's subscriber dropped its copy.");

			narrator.step("A stampede: 200 concurrent readers of one cold product on A");
			List<List<String>> stampedes = new ArrayList<>();
			for (String protection : List.of("none", "per-instance", "fleet")) {
				DemoResponse run = httpA.post("/stampedes",
						"{\"productId\":" + (PRODUCT + 1) + ",\"readers\":200,\"protection\":\"" + protection + "\"}");
				stampedes.add(List.of(protection, run.body().replaceAll(".*\"loads\":(\\d+).*", "$1")));
			}
			narrator.table(List.of("protection", "database loads"), stampedes);
			narrator.why("without sync every reader that misses loads; sync = true lets one load per instance, "
					+ "the Redis lease one per fleet (the two-instance test proves that).");
		}
	}

	private static ConfigurableApplicationContext secondInstance(ConfigurableApplicationContext a) {
		List<String> args = new ArrayList<>(Arrays.asList("--server.port=0", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--bbe.namespace=" + a.getEnvironment().getProperty("bbe.namespace")));
		for (String placeholder : List.of("products", "reviews")) {
			String key = "spring.flyway.placeholders." + placeholder;
			args.add("--" + key + "=" + a.getEnvironment().getProperty(key));
		}
		return SpringApplication.from(CachingApplication::main)
			.with(CachingServices.class)
			.run(args.toArray(String[]::new))
			.getApplicationContext();
	}

	private static List<String> row(String read, String level, long nanos) {
		return List.of(read, level, String.format(Locale.ROOT, "%.2f ms", nanos / 1e6));
	}

	private static long median(Read read) {
		long[] times = new long[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			long start = System.nanoTime();
			DemoResponse response = read.get();
			times[i] = System.nanoTime() - start;
			if (response.status() != 200 && response.status() != 304) {
				throw new IllegalStateException(response.method() + " " + response.path() + " -> " + response.status());
			}
		}
		Arrays.sort(times);
		return times[SAMPLES / 2];
	}

	interface Read {

		DemoResponse get();

	}

}
