package dev.backendbyexample.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.Narrator;
import dev.backendbyexample.transactions.TransferLoad.Kind;
import dev.backendbyexample.transactions.TransferLoad.Verdict;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Transfers per second and latency per strategy, thread count and workload, through the
 * full HTTP stack, next to PostgreSQL's own {@code pgbench} (TPC-B-like) on the same
 * server, in this run's own database, as the ceiling.
 * <p>
 * Arguments (all optional, {@code --name=value} as for every benchmark):
 * {@code --duration=5s --threads=1,8,32
 * --strategies=naive,pessimistic,optimistic,atomic-update,serializable
 * --workloads=uniform,hot-pair --accounts=1000 --pgbench=true}; an unknown name is
 * refused.
 */
public final class TransactionsBenchmark {

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	private TransactionsBenchmark() {
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
		Settings settings = Settings.parse(args);
		try (ConfigurableApplicationContext context = SpringApplication.from(TransactionsApplication::main)
			.with(TransactionsServices.class)
			.run("--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
					// One connection per client thread; they are evicted before pgbench
					// runs.
					"--spring.datasource.hikari.maximum-pool-size=" + Math.max(10, settings.maxThreads()),
					"--spring.datasource.hikari.minimum-idle=1", "--spring.datasource.hikari.idle-timeout=10000")
			.getApplicationContext()) {
			DemoHttp http = DemoHttp
				.localhost(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			Narrator narrator = Narrator.recording();
			narrator.title("Transfers over HTTP on PostgreSQL, " + settings.duration().toMillis() + " ms per cell, "
					+ Runtime.getRuntime().availableProcessors() + " cores");
			List<List<String>> rows = new ArrayList<>();
			Map<Integer, Double> pgbench = new TreeMap<>();
			Pgbench peer = settings.pgbench() ? Pgbench.initialise(context, settings, out) : null;
			warmUp(context, http, settings);
			for (String workload : settings.workloads()) {
				for (int threads : settings.threads()) {
					if (peer != null && workload.equals("uniform")) {
						// Measured right before the strategies at the same concurrency:
						// the machine is shared, so its load drifts over a run. The
						// pool's
						// idle connections are closed first: pgbench's clients and ours
						// together must stay under max_connections.
						context.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
						pgbench.put(threads, peer.run(threads));
					}
					for (Strategy strategy : settings.strategies()) {
						rows.add(cell(context, http, settings, workload, strategy, threads, pgbench));
						out.println("   measured: " + String.join(" | ", rows.get(rows.size() - 1)));
					}
				}
			}
			narrator.table(List.of("workload", "threads", "strategy", "transfers/s", "p50 ms", "p99 ms",
					"retries/transfer", "409 %", "overdraft %", "x pgbench"), rows);
			if (!pgbench.isEmpty()) {
				List<List<String>> peers = new ArrayList<>();
				pgbench.forEach((threads, tps) -> peers.add(List.of("pgbench TPC-B-like", String.valueOf(threads),
						String.format(Locale.ROOT, "%.0f", tps))));
				narrator.table(List.of("peer", "clients", "tps"), peers);
			}
			out.print(narrator.transcript());
		}
	}

	/** Every strategy for half a cell at 8 threads, so the JIT has compiled the paths. */
	private static void warmUp(ConfigurableApplicationContext context, DemoHttp http, Settings settings)
			throws InterruptedException {
		AccountService accounts = context.getBean(AccountService.class);
		List<Long> ids = LongStream.range(0, 100)
			.mapToObj((i) -> accounts.open("warm-up-" + i, 1_000_000_000L).id())
			.toList();
		for (Strategy strategy : settings.strategies()) {
			TransferLoad.run(8, Integer.MAX_VALUE, settings.duration().dividedBy(2), ids, 100,
					(command) -> post(http, strategy, command));
		}
	}

	private static List<String> cell(ConfigurableApplicationContext context, DemoHttp http, Settings settings,
			String workload, Strategy strategy, int threads, Map<Integer, Double> pgbench) throws Exception {
		AccountService accounts = context.getBean(AccountService.class);
		int count = workload.equals("hot-pair") ? 2 : settings.accounts();
		// Balances large enough that nothing is refused for lack of funds.
		List<Long> ids = LongStream.range(0, count)
			.mapToObj((i) -> accounts.open(workload + "-" + i, 1_000_000_000L).id())
			.toList();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		// A short warm-up of this very cell: pool size, row and index pages.
		TransferLoad.run(threads, Integer.MAX_VALUE, settings.duration().dividedBy(5), ids, 100,
				(command) -> post(http, strategy, command));
		double retriesBefore = TransactionsScenario.retries(meters, strategy);
		TransferLoad.Tally tally = TransferLoad.run(threads, Integer.MAX_VALUE, settings.duration(), ids, 100,
				(command) -> post(http, strategy, command));
		double retries = TransactionsScenario.retries(meters, strategy) - retriesBefore;
		int attempts = Math.max(1, tally.attempts());
		Double peer = pgbench.get(threads);
		return List.of(workload, String.valueOf(threads), strategy.slug(), format("%.0f", tally.throughput()),
				format("%.1f", tally.percentileMillis(0.50)), format("%.1f", tally.percentileMillis(0.99)),
				format("%.2f", retries / attempts), format("%.1f", 100.0 * tally.conflicted() / attempts),
				format("%.1f", 100.0 * tally.rejected() / attempts),
				(peer != null && workload.equals("uniform")) ? format("%.2f", tally.throughput() / peer) : "");
	}

	/**
	 * PostgreSQL's own benchmark, against this run's own database (the harness created it
	 * and drops it when the context closes): initialised once at scale = the most
	 * clients, then run once per thread count.
	 */
	private record Pgbench(JdbcConnectionDetails database, List<String> connection, String name, Settings settings,
			PrintStream out) {

		static Pgbench initialise(ConfigurableApplicationContext context, Settings settings, PrintStream out)
				throws IOException, InterruptedException {
			JdbcConnectionDetails database = context.getBean(JdbcConnectionDetails.class);
			URI url = URI.create(database.getJdbcUrl().substring("jdbc:".length()));
			List<String> connection = List.of("-h", url.getHost(), "-p", String.valueOf(url.getPort()), "-U",
					database.getUsername());
			Pgbench pgbench = new Pgbench(database, connection, url.getPath().substring(1), settings, out);
			int scale = Math.max(1, settings.maxThreads());
			exec(database, pgbench.command("pgbench", "-i", "-q", "-s", String.valueOf(scale)));
			return pgbench;
		}

		double run(int clients) throws IOException, InterruptedException {
			String output = exec(this.database,
					command("pgbench", "-n", "-c", String.valueOf(clients), "-j",
							String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
							String.valueOf(Math.max(1, this.settings.duration().toSeconds()))));
			Matcher tps = TPS.matcher(output);
			if (!tps.find()) {
				throw new IllegalStateException("pgbench printed no tps:\n" + output);
			}
			Matcher latency = LATENCY.matcher(output);
			this.out.println("   pgbench -c " + clients + ": tps " + tps.group(1)
					+ (latency.find() ? ", latency average " + latency.group(1) + " ms" : ""));
			return Double.parseDouble(tps.group(1));
		}

		private List<String> command(String... command) {
			List<String> all = new ArrayList<>(List.of(command));
			all.addAll(this.connection);
			all.add(this.name);
			return all;
		}

	}

	private static String exec(JdbcConnectionDetails database, List<String> command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (database.getPassword() != null && !database.getPassword().isEmpty()) {
			builder.environment().put("PGPASSWORD", database.getPassword());
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	/**
	 * One transfer over a plain blocking {@link HttpURLConnection} (kept alive and reused
	 * by the JDK): a cheaper client than {@code java.net.http.HttpClient}, which matters
	 * when client, server and database share two cores.
	 */
	private static Verdict post(DemoHttp http, Strategy strategy, TransferCommand command) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) http.base()
			.resolve("/transfers?strategy=" + strategy.slug())
			.toURL()
			.openConnection();
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setRequestProperty("Content-Type", "application/json");
		try (OutputStream body = connection.getOutputStream()) {
			body.write(("{\"from\":" + command.from() + ",\"to\":" + command.to() + ",\"amount\":" + command.amount()
					+ "}")
				.getBytes(StandardCharsets.UTF_8));
		}
		int status = connection.getResponseCode();
		try (InputStream response = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
			String text = new String(response.readAllBytes(), StandardCharsets.UTF_8);
			return switch (status) {
				case 201 -> Verdict.accepted(id(text));
				case 422 -> Verdict.of(Kind.REJECTED);
				case 409 -> Verdict.of(Kind.CONFLICTED);
				default -> Verdict.of(Kind.FAILED);
			};
		}
	}

	private static long id(String json) {
		Matcher matcher = ID.matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("no id in " + json);
		}
		return Long.parseLong(matcher.group(1));
	}

	private static String format(String pattern, double value) {
		return String.format(Locale.ROOT, pattern, value);
	}

	/**
	 * What to measure.
	 *
	 * @param duration how long each cell runs
	 * @param threads the client thread counts
	 * @param strategies the strategies
	 * @param workloads {@code uniform} (random pairs among many accounts) and/or
	 * {@code hot-pair} (all transfers between the same two accounts)
	 * @param accounts how many accounts the uniform workload spreads over
	 * @param pgbench whether to run pgbench too
	 */
	record Settings(Duration duration, List<Integer> threads, List<Strategy> strategies, List<String> workloads,
			int accounts, boolean pgbench) {

		static Settings parse(String[] args) {
			BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--duration=5s", "--threads=1,8,32",
					"--strategies=naive,pessimistic,optimistic,atomic-update,serializable",
					"--workloads=uniform,hot-pair", "--accounts=1000", "--pgbench=true");
			return new Settings(arguments.duration("duration"), arguments.positives("threads"), strategies(arguments),
					workloads(arguments), arguments.positive("accounts"), arguments.flag("pgbench"));
		}

		private static List<Strategy> strategies(BenchmarkArguments arguments) {
			List<String> known = Arrays.stream(Strategy.values()).map(Strategy::slug).toList();
			List<String> slugs = arguments.list("strategies");
			if (!known.containsAll(slugs)) {
				throw arguments.invalid("strategies", "a list of " + String.join(",", known));
			}
			return slugs.stream().map(Strategy::of).toList();
		}

		private static List<String> workloads(BenchmarkArguments arguments) {
			List<String> workloads = arguments.list("workloads");
			if (!List.of("uniform", "hot-pair").containsAll(workloads)) {
				throw arguments.invalid("workloads", "a list of uniform,hot-pair");
			}
			return workloads;
		}

		int maxThreads() {
			return this.threads.stream().mapToInt(Integer::intValue).max().orElse(1);
		}

	}

}
