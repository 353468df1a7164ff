package dev.backendbyexample.restvsgraphql;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.restvsgraphql.UseCases.Outcome;
import dev.backendbyexample.restvsgraphql.UseCases.UseCase;
import dev.backendbyexample.restvsgraphql.UseCases.Way;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.Narrator;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each use case played by REST and GraphQL clients, in one run against one server: use
 * cases per second and p50/p99 latency of a whole use case (all its round trips) at each
 * client count, with the round trips, response bytes and SQL statements of one play.
 * <p>
 * Arguments (all optional, {@code --name=value} as for every benchmark):
 * {@code --duration=3s --warmup=1s --clients=1,16 --feed-size=20}; an unknown name is
 * refused.
 */
public final class RestVsGraphqlBenchmark {

	private RestVsGraphqlBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	static void run(String[] args, PrintStream out) throws Exception {
		BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=3s", "--warmup=1s", "--clients=1,16",
				"--feed-size=20");
		Duration duration = arguments.duration("duration");
		Duration warmup = arguments.duration("warmup");
		List<Integer> clients = arguments.positives("clients");
		int size = arguments.positive("feed-size");
		int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
		try (ConfigurableApplicationContext context = SpringApplication.from(RestVsGraphqlApplication::main)
			.with(RestVsGraphqlServices.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--spring.datasource.hikari.maximum-pool-size=" + Math.max(10, maxClients),
					"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.idle-timeout=10000")
			.getApplicationContext()) {
			URI base = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
			UseCases useCases = new UseCases(base);
			SqlStatements sql = context.getBean(SqlStatements.class);
			Narrator narrator = Narrator.recording();
			narrator.title("REST vs GraphQL over HTTP on PostgreSQL, " + duration.toMillis() + " ms per cell, "
					+ Runtime.getRuntime().availableProcessors() + " cores, feed of " + size + " posts");
			List<List<String>> rows = new ArrayList<>();
			for (UseCase useCase : UseCase.values()) {
				for (Way way : ways(useCase)) {
					// Warm the JIT on this path (and let a revalidating client fetch its
					// ETag), then one quiet play: its cost in round trips, bytes and
					// statements.
					load(useCases, useCase, way, size, maxClients, warmup);
					long before = sql.count();
					Outcome outcome = useCases.play(useCase, way, size);
					long statements = sql.count() - before;
					for (int n : clients) {
						Load load = load(useCases, useCase, way, size, n, duration);
						rows.add(List.of(useCase.label(), way.label(), String.valueOf(n),
								String.format(Locale.ROOT, "%.0f", load.perSecond()),
								String.format(Locale.ROOT, "%.2f", load.percentileMillis(0.50)),
								String.format(Locale.ROOT, "%.2f", load.percentileMillis(0.99)),
								String.valueOf(outcome.roundTrips()), String.valueOf(outcome.bytes()),
								String.valueOf(statements)));
					}
				}
			}
			narrator.table(List.of("use case", "way", "clients", "use cases/s", "p50 ms", "p99 ms", "round trips",
					"bytes", "SQL statements"), rows);
			out.print(narrator.transcript());
		}
	}

	private static List<Way> ways(UseCase useCase) {
		return switch (useCase) {
			case PROFILE_CARD ->
				List.of(Way.REST, Way.GRAPHQL, Way.REST_REVALIDATED, Way.GRAPHQL_PERSISTED_REVALIDATED);
			case FEED -> List.of(Way.REST, Way.REST_PURPOSE_BUILT, Way.GRAPHQL, Way.GRAPHQL_WITHOUT_BATCHING);
			case TITLES -> List.of(Way.REST, Way.GRAPHQL);
		};
	}

	/** {@code clients} threads playing the use case back to back for the duration. */
	private static Load load(UseCases useCases, UseCase useCase, Way way, int size, int clients, Duration duration)
			throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<long[]>> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
			for (int i = 0; i < clients; i++) {
				results.add(threads.submit(() -> {
					start.await();
					long end = System.nanoTime() + duration.toNanos();
					long[] latencies = new long[1024];
					int count = 0;
					while (System.nanoTime() < end) {
						long began = System.nanoTime();
						useCases.play(useCase, way, size);
						if (count == latencies.length) {
							latencies = Arrays.copyOf(latencies, count * 2);
						}
						latencies[count++] = System.nanoTime() - began;
					}
					return Arrays.copyOf(latencies, count);
				}));
			}
			long began = System.nanoTime();
			start.countDown();
			List<long[]> all = new ArrayList<>();
			for (Future<long[]> result : results) {
				all.add(result.get(duration.toSeconds() + 120, TimeUnit.SECONDS));
			}
			long elapsed = System.nanoTime() - began;
			return new Load(all.stream().flatMapToLong(Arrays::stream).sorted().toArray(), elapsed);
		}
	}

	/**
	 * The latencies of every play in one cell.
	 *
	 * @param sortedNanos each play's latency, sorted
	 * @param elapsedNanos the cell's wall-clock time
	 */
	private record Load(long[] sortedNanos, long elapsedNanos) {

		double perSecond() {
			return this.sortedNanos.length / (this.elapsedNanos / 1e9);
		}

		double percentileMillis(double p) {
			if (this.sortedNanos.length == 0) {
				return 0;
			}
			int index = (int) Math.min(this.sortedNanos.length - 1, Math.ceil(p * this.sortedNanos.length) - 1);
			return this.sortedNanos[Math.max(0, index)] / 1e6;
		}

	}

}
