package dev.backendbyexample.ratelimiting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.InMemoryRateLimiters;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.algorithm.RateLimiter;
import dev.backendbyexample.ratelimiting.redis.LuaScript;
import dev.backendbyexample.ratelimiting.redis.RedisRateLimiter;
import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.LatencyHistogram;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Decisions per second and p50/p99 latency of every algorithm, on Redis and in memory,
 * for one hot key and for many keys, at several concurrencies; and in the same run the
 * peers: {@code redis-benchmark} running EVALSHA of the same token-bucket script (the
 * physical limit), Bucket4j's Lettuce backend, and Resilience4j's in-memory RateLimiter.
 * <p>
 * Arguments (all optional, {@code --name=value} as for every benchmark):
 * {@code --duration=3s --warmup=1s --threads=1,16,64 --keys=10000 --algorithms=all} (or a
 * list of algorithm ids such as {@code token-bucket,sliding-window-log}); an unknown name
 * is refused. Keys live under a fresh prefix of the harness's namespace and are deleted
 * when it closes.
 */
public class RateLimitingBenchmark {

	static final Limit LIMIT = Limit.of(1000, Duration.ofSeconds(1));

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	/** Runs the benchmark, prints the table to {@code out} and returns its rows. */
	static List<Row> run(String[] args, PrintStream out) throws Exception {
		Settings settings = Settings.parse(args);
		try (ConfigurableApplicationContext context = SpringApplication.from(RateLimitingApplication::main)
			.with(RateLimitingServices.class)
			.run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN")
			.getApplicationContext()) {
			DataRedisConnectionDetails.Standalone redis = context.getBean(DataRedisConnectionDetails.class)
				.getStandalone();
			String prefix = context.getEnvironment().getProperty("bbe.redis.key-prefix", "") + "bench-"
					+ UUID.randomUUID().toString().substring(0, 8) + ":";
			return new RateLimitingBenchmark(settings, redis.getHost(), redis.getPort(), prefix, out).all();
		}
	}

	private final Settings settings;

	private final String host;

	private final int port;

	private final String prefix;

	private final PrintStream out;

	private final List<Row> rows = new ArrayList<>();

	RateLimitingBenchmark(Settings settings, String host, int port, String prefix, PrintStream out) {
		this.settings = settings;
		this.host = host;
		this.port = port;
		this.prefix = prefix;
		this.out = out;
	}

	List<Row> all() throws Exception {
		this.out.printf(Locale.ROOT, "%nRate limiting benchmark: %s per cell after %s warm-up, %d cores, Redis %s:%d%n",
				this.settings.duration, this.settings.warmup, Runtime.getRuntime().availableProcessors(), this.host,
				this.port);
		this.out.printf(Locale.ROOT, "%-34s %-24s %6s %7s %12s %9s %9s%n", "implementation", "algorithm", "keys",
				"callers", "decisions/s", "p50 us", "p99 us");
		try (ScriptedRedis redis = ScriptedRedis.connectTo(this.host, this.port, Duration.ofSeconds(10))) {
			for (int keys : List.of(1, this.settings.keys)) {
				for (int threads : this.settings.threads) {
					for (Algorithm algorithm : this.settings.algorithms) {
						RateLimiter onRedis = new RedisRateLimiter(redis, algorithm, LIMIT, this.prefix, null);
						measure("redis (this module)", algorithm.id(), keys, threads, limiterCall(onRedis, keys));
					}
					redisBenchmark(redis, keys, threads);
					bucket4j(keys, threads);
					for (Algorithm algorithm : this.settings.algorithms) {
						RateLimiter inMemory = InMemoryRateLimiters.create(algorithm, LIMIT, InstantSource.system());
						measure("memory (this module)", algorithm.id(), keys, threads, limiterCall(inMemory, keys));
					}
					resilience4j(keys, threads);
				}
			}
		}
		uncontendedInMemory();
		goals();
		return this.rows;
	}

	private static IntPredicate limiterCall(RateLimiter limiter, int keys) {
		String[] names = names(keys);
		return (key) -> limiter.tryAcquire(names[key]).allowed();
	}

	private static String[] names(int keys) {
		return (keys == 1) ? new String[] { "hot" }
				: IntStream.range(0, keys).mapToObj((i) -> "key-" + i).toArray(String[]::new);
	}

	/**
	 * Runs {@code call} from {@code threads} threads on random keys, warm-up then timed.
	 */
	private void measure(String implementation, String algorithm, int keys, int threads, IntPredicate call)
			throws InterruptedException {
		run(threads, keys, call, this.settings.warmup);
		Result result = run(threads, keys, call, this.settings.duration);
		add(new Row(implementation, algorithm, keys, threads, result.perSecond(),
				result.latency.percentile(50) / 1000.0, result.latency.percentile(99) / 1000.0));
	}

	private Result run(int threads, int keys, IntPredicate call, Duration duration) throws InterruptedException {
		if (duration.isZero()) {
			return new Result(new LatencyHistogram(), 1);
		}
		LatencyHistogram[] histograms = new LatencyHistogram[threads];
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(threads);
		long[] deadline = new long[1];
		for (int t = 0; t < threads; t++) {
			LatencyHistogram histogram = new LatencyHistogram();
			histograms[t] = histogram;
			Thread.ofPlatform().daemon().start(() -> {
				try {
					start.await();
					ThreadLocalRandom random = ThreadLocalRandom.current();
					long end = deadline[0];
					long now = System.nanoTime();
					// At least one call each: on a loaded machine a caller may first run
					// after the deadline, and a cell of short duration would stay empty.
					do {
						int key = (keys == 1) ? 0 : random.nextInt(keys);
						call.test(key);
						long after = System.nanoTime();
						histogram.record(after - now);
						now = after;
					}
					while (now < end);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
		}
		long began = System.nanoTime();
		deadline[0] = began + duration.toNanos();
		start.countDown();
		done.await();
		long elapsed = System.nanoTime() - began;
		LatencyHistogram all = new LatencyHistogram();
		Arrays.stream(histograms).forEach(all::add);
		return new Result(all, elapsed);
	}

	/** The physical limit: Redis's own load generator running the same script. */
	private void redisBenchmark(ScriptedRedis redis, int keys, int threads) throws IOException, InterruptedException {
		LuaScript script = LuaScript.of(Algorithm.TOKEN_BUCKET);
		redis.commands().scriptLoad(script.source());
		long requests = Math.max(1000,
				this.rows.stream()
					.filter((row) -> row.implementation().startsWith("redis (") && row.keys() == keys
							&& row.callers() == threads && row.algorithm().equals("token_bucket"))
					.mapToLong((row) -> (long) (row.perSecond() * this.settings.duration.toMillis() / 1000.0))
					.findFirst()
					.orElse(10_000));
		String key = this.prefix + "rb:{" + ((keys == 1) ? "hot" : "key-__rand_int__") + "}";
		List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", this.host, "-p",
				Integer.toString(this.port), "-c", Integer.toString(threads), "-n", Long.toString(requests), "--csv"));
		if (keys > 1) {
			command.addAll(List.of("-r", Integer.toString(keys)));
		}
		command.addAll(List.of("EVALSHA", script.sha(), "1", key, Long.toString(LIMIT.permits()),
				Long.toString(LIMIT.windowMicros()), "1", ""));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			this.out.println("redis-benchmark not found: " + ex.getMessage());
			return;
		}
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines().forEach(lines::add);
		}
		process.waitFor(5, TimeUnit.MINUTES);
		// "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
		String[] csv = lines.get(lines.size() - 1).replace("\"", "").split(",");
		add(new Row("redis-benchmark EVALSHA (peer)", "token_bucket", keys, threads, Double.parseDouble(csv[1]),
				Double.parseDouble(csv[4]) * 1000, Double.parseDouble(csv[6]) * 1000));
	}

	/**
	 * Bucket4j's Redis backend on Lettuce: compare-and-swap, a read then a conditional
	 * write.
	 */
	private void bucket4j(int keys, int threads) throws InterruptedException {
		RedisClient client = RedisClient.create(RedisURI.create(this.host, this.port));
		try (StatefulRedisConnection<String, byte[]> connection = client
			.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
			ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			BucketConfiguration configuration = BucketConfiguration.builder()
				.addLimit(Bandwidth.builder()
					.capacity(LIMIT.permits())
					.refillGreedy(LIMIT.permits(), LIMIT.window())
					.build())
				.build();
			String[] names = names(keys);
			BucketProxy[] proxies = new BucketProxy[keys];
			IntFunction<BucketProxy> proxy = (i) -> {
				BucketProxy existing = proxies[i];
				if (existing == null) {
					existing = buckets.builder().build(this.prefix + "b4j:{" + names[i] + "}", () -> configuration);
					proxies[i] = existing;
				}
				return existing;
			};
			measure("bucket4j lettuce (peer)", "token_bucket", keys, threads, (i) -> proxy.apply(i).tryConsume(1));
		}
		finally {
			client.shutdown();
		}
	}

	private void resilience4j(int keys, int threads) throws InterruptedException {
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod((int) LIMIT.permits())
			.limitRefreshPeriod(LIMIT.window())
			.timeoutDuration(Duration.ZERO)
			.build();
		io.github.resilience4j.ratelimiter.RateLimiter[] limiters = new io.github.resilience4j.ratelimiter.RateLimiter[keys];
		for (int i = 0; i < keys; i++) {
			limiters[i] = io.github.resilience4j.ratelimiter.RateLimiter.of("key-" + i, config);
		}
		measure("resilience4j in memory (peer)", "fixed_window", keys, threads, (i) -> limiters[i].acquirePermission());
	}

	/** Nanoseconds per decision, one thread, one key, no per-call timing in the loop. */
	private void uncontendedInMemory() {
		RateLimiter bucket = InMemoryRateLimiters.create(Algorithm.TOKEN_BUCKET, LIMIT, InstantSource.system());
		long iterations = Math.max(100_000, this.settings.duration.toMillis() * 5_000);
		long allowed = 0;
		for (int round = 0; round < 2; round++) { // the first round is warm-up
			long start = System.nanoTime();
			for (long i = 0; i < iterations; i++) {
				allowed += bucket.tryAcquire("hot").allowed() ? 1 : 0;
			}
			double nanos = (System.nanoTime() - start) / (double) iterations;
			if (round == 1) {
				this.out.printf(Locale.ROOT,
						"%nIn-memory token bucket, 1 thread, 1 key: %.0f ns per decision (%d allowed)%n", nanos,
						allowed);
				add(new Row("memory (this module), batch", "token_bucket", 1, 1, 1e9 / nanos, nanos / 1000,
						nanos / 1000));
			}
		}
	}

	private void goals() {
		this.out.println();
		for (int keys : List.of(1, this.settings.keys)) {
			for (int threads : this.settings.threads) {
				double ours = perSecond("redis (this module)", "token_bucket", keys, threads);
				double physical = perSecond("redis-benchmark EVALSHA (peer)", "token_bucket", keys, threads);
				double bucket4j = perSecond("bucket4j lettuce (peer)", "token_bucket", keys, threads);
				this.out.printf(Locale.ROOT,
						"Redis token bucket, %5d keys, %2d callers: %.2fx redis-benchmark (goal >= 0.8), %.2fx Bucket4j (goal >= 1)%n",
						keys, threads, ours / physical, ours / bucket4j);
			}
		}
	}

	private double perSecond(String implementation, String algorithm, int keys, int threads) {
		return this.rows.stream()
			.filter((row) -> row.implementation().equals(implementation) && row.algorithm().equals(algorithm)
					&& row.keys() == keys && row.callers() == threads)
			.mapToDouble(Row::perSecond)
			.findFirst()
			.orElse(Double.NaN);
	}

	private void add(Row row) {
		this.rows.add(row);
		this.out.printf(Locale.ROOT, "%-34s %-24s %6d %7d %12.0f %9.1f %9.1f%n", row.implementation(), row.algorithm(),
				row.keys(), row.callers(), row.perSecond(), row.p50Micros(), row.p99Micros());
	}

	/** One line of the table. */
	record Row(String implementation, String algorithm, int keys, int callers, double perSecond, double p50Micros,
			double p99Micros) {

	}

	private record Result(LatencyHistogram latency, long elapsedNanos) {

		double perSecond() {
			return this.latency.total() * 1e9 / this.elapsedNanos;
		}

	}

	/** The command line, {@code --name=value} as every benchmark takes it. */
	record Settings(Duration duration, Duration warmup, List<Integer> threads, int keys, List<Algorithm> algorithms) {

		static Settings parse(String[] args) {
			BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=3s", "--warmup=1s",
					"--threads=1,16,64", "--keys=10000", "--algorithms=all");
			return new Settings(arguments.duration("duration"), arguments.duration("warmup"),
					arguments.positives("threads"), arguments.positive("keys"), algorithms(arguments));
		}

		private static List<Algorithm> algorithms(BenchmarkArguments arguments) {
			List<String> ids = arguments.list("algorithms");
			if (ids.equals(List.of("all"))) {
				return List.of(Algorithm.values());
			}
			List<String> known = Arrays.stream(Algorithm.values()).map(Algorithm::id).toList();
			if (!known.containsAll(ids)) {
				throw arguments.invalid("algorithms", "all or a list of " + String.join(",", known));
			}
			return ids.stream().map((id) -> Algorithm.values()[known.indexOf(id)]).toList();
		}

	}

}
