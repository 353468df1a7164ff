package dev.backendbyexample.transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.TransferLoad.Kind;
import dev.backendbyexample.transactions.TransferLoad.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The demo: a transfer, an overdraft refused, an idempotent retry, then 1,000 concurrent
 * transfers per strategy over HTTP, then PostgreSQL's isolation anomaly matrix.
 */
class TransactionsScenario implements DemoScenario {

	static final int CONCURRENT_TRANSFERS = 1_000;

	static final int THREADS = 16;

	static final int HOT_ACCOUNTS = 6;

	static final long OPENING_BALANCE = 10_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		DemoHttp http = demo.http();
		narrator.title("Transactions: moving money on PostgreSQL without losing any");

		narrator.step("Open two accounts (amounts are in cents)");
		long alice = open(http, narrator, "alice", 10_000);
		long bob = open(http, narrator, "bob", 0);

		narrator.step("Transfer 30.00 from Alice to Bob");
		DemoResponse moved = transfer(http, alice, bob, 3_000, "pessimistic");
		narrator.exchange(moved).say("balances: alice " + balance(http, alice) + ", bob " + balance(http, bob));
		narrator.why("debit, credit and ledger row commit in one transaction, or none of them does");

		narrator.step("Transfer 500.00: more than Alice has");
		DemoResponse refused = transfer(http, alice, bob, 50_000, "pessimistic");
		narrator.exchange(refused)
			.say(field(refused, "title") + ": " + field(refused, "detail"))
			.say("balances: alice " + balance(http, alice) + ", bob " + balance(http, bob));
		narrator.why("the strategy checks the balance under the row lock and throws; the rollback undoes everything");

		narrator.step("A client retries a transfer with the same Idempotency-Key");
		DemoResponse first = transfer(http, alice, bob, 1_000, null, "Idempotency-Key", "rent-2026-11");
		DemoResponse retried = transfer(http, alice, bob, 1_000, null, "Idempotency-Key", "rent-2026-11");
		DemoResponse reused = transfer(http, alice, bob, 2_500, null, "Idempotency-Key", "rent-2026-11");
		narrator.exchange(first, TransferController.REPLAYED)
			.exchange(retried, TransferController.REPLAYED)
			.say("same transfer id both times: " + field(first, "id") + " and " + field(retried, "id") + "; alice now "
					+ balance(http, alice))
			.exchange(reused)
			.say(field(reused, "title") + ": same key, different amount");
		narrator.why("the key is a unique column of the ledger row, written in the transfer's own transaction");

		narrator.step(CONCURRENT_TRANSFERS + " concurrent transfers per strategy: " + THREADS + " threads, "
				+ HOT_ACCOUNTS + " hot accounts of " + OPENING_BALANCE + " cents, over HTTP");
		List<List<String>> rows = new ArrayList<>();
		for (Strategy strategy : Strategy.values()) {
			rows.add(race(demo, strategy));
		}
		narrator.table(List.of("strategy", "transfers/s", "p99 ms", "accepted", "overdraft", "retries", "409",
				"failures", "conserved"), rows);
		narrator.why("naive reads, computes and writes back: two transfers that read the same balance lose one debit");

		narrator.step("Isolation anomalies (Hermitage), played on three connections at each level");
		Hermitage hermitage = new Hermitage(Dialect.postgresql(demo.bean(JdbcConnectionDetails.class)));
		List<List<String>> matrix = new ArrayList<>();
		for (Anomaly anomaly : Anomaly.values()) {
			List<String> row = new ArrayList<>(List.of(anomaly.code(), anomaly.description()));
			for (Isolation isolation : Isolation.values()) {
				row.add(hermitage.run(anomaly, isolation).label());
			}
			matrix.add(row);
		}
		narrator.table(List.of("anomaly", "", "read committed", "repeatable read", "serializable"), matrix);
		narrator.why("PostgreSQL's default, read committed, lets lost updates and write skew through; "
				+ "serializable turns every anomaly into a 40001 the application must retry");
	}

	/** Runs one strategy's race over HTTP and returns its table row. */
	private static List<String> race(Demo demo, Strategy strategy) throws Exception {
		DemoHttp http = demo.http();
		List<Long> accounts = LongStream.range(0, HOT_ACCOUNTS)
			.mapToObj((i) -> id(post(http, "/accounts",
					"{\"owner\":\"" + strategy.slug() + "-" + i + "\",\"balance\":" + OPENING_BALANCE + "}")))
			.toList();
		MeterRegistry meters = demo.bean(MeterRegistry.class);
		double retriesBefore = retries(meters, strategy);
		TransferLoad.Tally tally = TransferLoad.run(THREADS, CONCURRENT_TRANSFERS, accounts, 1_000,
				(command) -> overHttp(http, strategy, command));
		long total = accounts.stream().mapToLong((account) -> balance(http, account)).sum();
		boolean conserved = total == HOT_ACCOUNTS * OPENING_BALANCE;
		return List.of(strategy.slug(), String.format(Locale.ROOT, "%.0f", tally.throughput()),
				String.format(Locale.ROOT, "%.1f", tally.percentileMillis(0.99)),
				String.valueOf(tally.acceptedIds().size()), String.valueOf(tally.rejected()),
				String.format(Locale.ROOT, "%.0f", retries(meters, strategy) - retriesBefore),
				String.valueOf(tally.conflicted()), String.valueOf(tally.failures().size()),
				conserved ? "yes" : "no (" + (total - HOT_ACCOUNTS * OPENING_BALANCE) + ")");
	}

	static Verdict overHttp(DemoHttp http, Strategy strategy, TransferCommand command) {
		DemoResponse response = transfer(http, command.from(), command.to(), command.amount(), strategy.slug());
		return switch (response.status()) {
			case 201 -> Verdict.accepted(id(response));
			case 422 -> Verdict.of(Kind.REJECTED);
			case 409 -> Verdict.of(Kind.CONFLICTED);
			default -> Verdict.of(Kind.FAILED);
		};
	}

	static double retries(MeterRegistry meters, Strategy strategy) {
		return meters.counter("transfers.retries", "strategy", strategy.slug()).count();
	}

	private static long open(DemoHttp http, Narrator narrator, String owner, long balance) {
		DemoResponse opened = post(http, "/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}");
		narrator.exchange(opened, "Location").say(opened.body());
		return id(opened);
	}

	static DemoResponse transfer(DemoHttp http, long from, long to, long amount, String strategy, String... headers) {
		String path = (strategy != null) ? "/transfers?strategy=" + strategy : "/transfers";
		return http.post(path, "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}", headers);
	}

	private static DemoResponse post(DemoHttp http, String path, String body) {
		return http.post(path, body);
	}

	static long balance(DemoHttp http, long account) {
		return Long.parseLong(field(http.get("/accounts/" + account), "balance"));
	}

	static long id(DemoResponse response) {
		return Long.parseLong(field(response, "id"));
	}

	static String field(DemoResponse response, String name) {
		JsonNode node = json.readTree(response.body()).get(name);
		if (node == null) {
			throw new IllegalStateException(response.method() + " " + response.path() + " -> " + response.status()
					+ " has no " + name + ": " + response.body());
		}
		return node.asString();
	}

}
