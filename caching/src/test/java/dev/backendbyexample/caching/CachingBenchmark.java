package dev.backendbyexample.caching;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.LatencyHistogram;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every way to read one product, side by side in one run, with the floors beside them:
 * the database query; a Redis hit through Spring's cache abstraction ({@code @Cacheable}
 * on an instance without a local level) and a raw Lettuce {@code GET} of the same entry
 * (the floor for a Redis hit); a Caffeine hit through the abstraction and a raw Caffeine
 * {@code getIfPresent} (the floor for a local hit); an HTTP 304 revalidation against a
 * full 200. Then the local level's hit ratio under a Zipf-like key distribution for
 * several sizes (W-TinyLFU and LRU), and the invalidation delay between two instances.
 * <p>
 * Arguments ({@code --name=value}): {@code --duration=3s --warmup=1s --threads=1,8
 * --keys=1000 --invalidations=1000 --zipf-reads=1000000 --seed-products=10000
 * --seed-reviews=1000000}.
 */
public class CachingBenchmark {

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		System.exit(0);
	}

	static Result run(String[] args, PrintStream out) throws Exception {
		BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=3s", "--warmup=1s", "--threads=1,8",
				"--keys=1000", "--invalidations=1000", "--zipf-reads=1000000", "--seed-products=10000",
				"--seed-reviews=1000000");
		Duration duration = arguments.duration("duration");
		Duration warmup = arguments.duration("warmup");
		List<Integer> threads = arguments.positives("threads");
		int products = arguments.positive("seed-products");
		int keys = Math.min(arguments.positive("keys"), products);
		List<String> common = List.of("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--caching.seed.products=" + products, "--caching.seed.reviews=" + arguments.positive("seed-reviews"),
				"--caching.local.maximum-size=" + Math.max(10_000, keys));
		try (ConfigurableApplicationContext a = start(common, null);
				ConfigurableApplicationContext b = start(withLocalOff(common), a)) {
			Catalogue catalogueA = a.getBean(Catalogue.class);
			Catalogue catalogueB = b.getBean(Catalogue.class);
			Products productsA = a.getBean(Products.class);
			TwoLevelCache cacheA = a.getBean(TwoLevelCacheManager.class).twoLevel(TwoLevelCacheManager.PRODUCTS);
			RedisLevel redisLevel = a.getBean(RedisLevel.class);
			Cache<String, Object> local = cacheA.local();
			for (long id = 1; id <= keys; id++) {
				catalogueA.find(id);
			}
			DataRedisConnectionDetails.Standalone redis = a.getBean(DataRedisConnectionDetails.class).getStandalone();
			RedisClient client = RedisClient.create(RedisURI.create(redis.getHost(), redis.getPort()));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = "http://localhost:" + a.getEnvironment().getProperty("local.server.port");
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> lettuce = connection.sync();
				Map<String, Read> reads = new LinkedHashMap<>();
				reads.put(DATABASE, (id) -> productsA.findWithRatings(id));
				reads.put(REDIS_ABSTRACTION, (id) -> catalogueB.find(id));
				reads.put(REDIS_TEMPLATE, (id) -> redisLevel.value(TwoLevelCacheManager.PRODUCTS, Long.toString(id)));
				reads.put(REDIS_FLOOR, (id) -> lettuce.get(redisLevel.entry(TwoLevelCacheManager.PRODUCTS, id + "")));
				reads.put(LOCAL_ABSTRACTION, (id) -> catalogueA.find(id));
				reads.put(LOCAL_FLOOR, (id) -> local.getIfPresent(Long.toString(id)));
				reads.put(HTTP_200, (id) -> send(http, base, id, null, 200));
				reads.put(HTTP_304, (id) -> send(http, base, id, Product.etag(id, 1), 304));
				List<Row> rows = new ArrayList<>();
				for (Map.Entry<String, Read> read : reads.entrySet()) {
					for (int n : threads) {
						rows.add(measure(read.getKey(), read.getValue(), n, keys, warmup, duration));
					}
				}
				List<HitRatio> ratios = hitRatios(products, arguments.positive("zipf-reads"));
				LatencyHistogram delays = invalidationDelays(a, b, arguments.positive("invalidations"));
				Result result = new Result(rows, ratios, delays.percentile(50), delays.percentile(99));
				print(result, threads, out);
				return result;
			}
			finally {
				client.shutdown();
			}
		}
	}

	static final String DATABASE = "database query (PostgreSQL aggregate)";

	static final String REDIS_ABSTRACTION = "Redis hit, @Cacheable (no local level)";

	/**
	 * The same GET through Spring Data Redis, no JSON: where the abstraction's time goes.
	 */
	static final String REDIS_TEMPLATE = "StringRedisTemplate GET (no JSON)";

	static final String REDIS_FLOOR = "raw Lettuce GET (floor)";

	static final String LOCAL_ABSTRACTION = "Caffeine hit, @Cacheable";

	static final String LOCAL_FLOOR = "raw Caffeine getIfPresent (floor)";

	static final String HTTP_200 = "HTTP 200, full body (local hit)";

	static final String HTTP_304 = "HTTP 304, If-None-Match";

	private static ConfigurableApplicationContext start(List<String> args, ConfigurableApplicationContext join) {
		List<String> all = new ArrayList<>(args);
		if (join != null) {
			all.add("--bbe.namespace=" + join.getEnvironment().getProperty("bbe.namespace"));
		}
		return SpringApplication.from(CachingApplication::main)
			.with(CachingServices.class)
			.run(all.toArray(String[]::new))
			.getApplicationContext();
	}

	private static List<String> withLocalOff(List<String> args) {
		List<String> all = new ArrayList<>(args);
		all.add("--caching.local.enabled=false");
		return all;
	}

	private static Object send(HttpClient http, String base, long id, String etag, int expected) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/products/" + id));
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != expected) {
			throw new IllegalStateException("GET /products/" + id + " -> " + response.statusCode());
		}
		return response;
	}

	/** {@code n} threads read random keys for the duration; each read is timed. */
	private static Row measure(String what, Read read, int n, int keys, Duration warmup, Duration duration)
			throws Exception {
		LatencyHistogram[] histograms = new LatencyHistogram[n];
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(n);
		long start = System.nanoTime() + warmup.toNanos();
		long end = start + duration.toNanos();
		for (int t = 0; t < n; t++) {
			LatencyHistogram histogram = new LatencyHistogram();
			histograms[t] = histogram;
			Thread.ofPlatform().daemon().start(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				try {
					long now = System.nanoTime();
					// at least one timed read per thread, however slow it is
					while (now < end || histogram.total() == 0) {
						long id = 1 + random.nextInt(keys);
						read.read(id);
						long after = System.nanoTime();
						if (now >= start) {
							histogram.record(after - now);
						}
						now = after;
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		if (failure.get() != null) {
			throw failure.get();
		}
		LatencyHistogram all = new LatencyHistogram();
		for (LatencyHistogram histogram : histograms) {
			all.add(histogram);
		}
		double perSecond = all.total() / (duration.toNanos() / 1e9);
		return new Row(what, n, perSecond, all.percentile(50), all.percentile(99));
	}

	/**
	 * {@code reads} reads of {@code products} keys, Zipf-distributed (s = 1: the 1st key
	 * is read twice as often as the 2nd, ten times as often as the 10th), through a local
	 * level of several sizes.
	 */
	static List<HitRatio> hitRatios(int products, int reads) {
		long[] trace = zipfTrace(products, reads, 1.0, new Random(42));
		List<HitRatio> ratios = new ArrayList<>();
		for (int percent : List.of(1, 5, 10, 25)) {
			int size = Math.max(1, products * percent / 100);
			Cache<Long, Boolean> tinyLfu = TwoLevelCacheManager.localLevel(size).executor(Runnable::run).build();
			Map<Long, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
					return size() > size;
				}
			};
			long tinyLfuHits = 0;
			long lruHits = 0;
			for (long key : trace) {
				if (tinyLfu.getIfPresent(key) != null) {
					tinyLfuHits++;
				}
				else {
					tinyLfu.put(key, Boolean.TRUE);
				}
				if (lru.get(key) != null) {
					lruHits++;
				}
				else {
					lru.put(key, Boolean.TRUE);
				}
			}
			ratios.add(
					new HitRatio(size, products, (double) tinyLfuHits / trace.length, (double) lruHits / trace.length));
		}
		return ratios;
	}

	private static long[] zipfTrace(int keys, int length, double s, Random random) {
		double[] cumulative = new double[keys];
		double sum = 0;
		for (int k = 1; k <= keys; k++) {
			sum += 1 / Math.pow(k, s);
			cumulative[k - 1] = sum;
		}
		// keys shuffled, so "hot" is not "small id"
		long[] ids = new long[keys];
		for (int i = 0; i < keys; i++) {
			ids[i] = i + 1;
		}
		for (int i = keys - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			long swap = ids[i];
			ids[i] = ids[j];
			ids[j] = swap;
		}
		long[] trace = new long[length];
		for (int i = 0; i < length; i++) {
			double u = random.nextDouble() * sum;
			int rank = java.util.Arrays.binarySearch(cumulative, u);
			rank = (rank >= 0) ? rank : -rank - 1;
			trace[i] = ids[Math.min(rank, keys - 1)];
		}
		return trace;
	}

	/**
	 * A evicts a key, B hears it: the time from A composing the message to B's subscriber
	 * receiving it (both in this JVM, so {@link System#nanoTime()} compares), one at a
	 * time.
	 */
	private static LatencyHistogram invalidationDelays(ConfigurableApplicationContext a,
			ConfigurableApplicationContext b, int count) throws Exception {
		TwoLevelCache cacheA = a.getBean(TwoLevelCacheManager.class).twoLevel(TwoLevelCacheManager.PRODUCTS);
		AtomicReference<CompletableFuture<Long>> next = new AtomicReference<>(new CompletableFuture<>());
		b.getBean(Invalidations.class)
			.onInvalidation((invalidation) -> next.get().complete(System.nanoTime() - invalidation.sentAtNanos()));
		LatencyHistogram delays = new LatencyHistogram();
		for (int i = 0; i < count; i++) {
			CompletableFuture<Long> heard = new CompletableFuture<>();
			next.set(heard);
			cacheA.evict(1_000_000L + i);
			delays.record(heard.get(10, TimeUnit.SECONDS));
		}
		return delays;
	}

	private static void print(Result result, List<Integer> threads, PrintStream out) {
		out.println();
		out.printf(Locale.ROOT, "%-42s %7s %12s %10s %10s%n", "read", "threads", "reads/s", "p50 us", "p99 us");
		for (Row row : result.rows()) {
			out.printf(Locale.ROOT, "%-42s %7d %12.0f %10.1f %10.1f%n", row.what(), row.threads(), row.perSecond(),
					row.p50Nanos() / 1e3, row.p99Nanos() / 1e3);
		}
		out.println();
		for (int n : threads) {
			Row database = result.row(DATABASE, n);
			Row redis = result.row(REDIS_ABSTRACTION, n);
			Row floor = result.row(REDIS_FLOOR, n);
			Row local = result.row(LOCAL_ABSTRACTION, n);
			Row http200 = result.row(HTTP_200, n);
			Row http304 = result.row(HTTP_304, n);
			out.printf(Locale.ROOT, "%d thread(s): Redis hit = %.2fx the Lettuce floor's throughput (goal >= 0.7), "
					+ "%.1fx faster than the database at p50 (goal >= 10); Caffeine hit %.0fx faster than a Redis hit "
					+ "at p50 (goal >= 100); 304 %.2fx the throughput of a 200%n", n,
					redis.perSecond() / floor.perSecond(), (double) database.p50Nanos() / redis.p50Nanos(),
					(double) redis.p50Nanos() / local.p50Nanos(), http304.perSecond() / http200.perSecond());
		}
		out.println();
		out.printf(Locale.ROOT, "%-30s %14s %10s%n", "local level size (of keys)", "W-TinyLFU", "LRU");
		for (HitRatio ratio : result.hitRatios()) {
			out.printf(Locale.ROOT, "%-30s %13.1f%% %9.1f%%%n", ratio.size() + " of " + ratio.keys(),
					ratio.tinyLfu() * 100, ratio.lru() * 100);
		}
		out.println();
		out.printf(Locale.ROOT,
				"invalidation delay A -> B over pub/sub: p50 %.2f ms, p99 %.2f ms (goal p99 <= 10 ms)%n",
				result.invalidationP50Nanos() / 1e6, result.invalidationP99Nanos() / 1e6);
	}

	interface Read {

		Object read(long id) throws Exception;

	}

	record Row(String what, int threads, double perSecond, long p50Nanos, long p99Nanos) {
	}

	record HitRatio(int size, int keys, double tinyLfu, double lru) {
	}

	record Result(List<Row> rows, List<HitRatio> hitRatios, long invalidationP50Nanos, long invalidationP99Nanos) {

		Row row(String what, int threads) {
			return this.rows.stream()
				.filter((row) -> row.what().equals(what) && row.threads() == threads)
				.findFirst()
				.orElseThrow();
		}

	}

}
