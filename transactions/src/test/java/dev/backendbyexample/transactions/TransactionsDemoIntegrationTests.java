package dev.backendbyexample.transactions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.backendbyexample.testsupport.demo.Demos;
import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.Hermitage.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot.
 */
@TransactionsIntegrationTest
class TransactionsDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsRefusalsIdempotencyConservedTotalsAndTheAnomalyMatrix() throws Exception {
		String transcript = Demos.record(this.context, new TransactionsScenario());
		List<String> lines = transcript.lines().map(String::strip).toList();

		assertThat(transcript).contains("POST /transfers?strategy=pessimistic -> 201 Created")
			.contains("POST /transfers?strategy=pessimistic -> 422 Unprocessable Content")
			.contains("POST /transfers -> 201 Created  Idempotent-Replayed: false")
			.contains("POST /transfers -> 201 Created  Idempotent-Replayed: true")
			.contains("POST /transfers -> 422 Unprocessable Content");
		for (String strategy : List.of("pessimistic", "optimistic", "atomic-update", "serializable")) {
			assertThat(lines).as(strategy + " row")
				.anySatisfy((line) -> assertThat(line).startsWith(strategy + " ").matches(".*\\| 0 +\\| yes"));
		}
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("naive "));
		// The printed matrix is the table IsolationAnomaliesIntegrationTests asserts.
		for (Anomaly anomaly : Anomaly.values()) {
			String printed = lines.stream()
				.filter((line) -> line.startsWith(anomaly.code() + " "))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no matrix row for " + anomaly.code()));
			assertThat(Arrays.stream(printed.split("\\|")).map(String::strip).toList()).as(anomaly.code() + " row")
				.isEqualTo(expectedRow(anomaly));
		}
	}

	private static List<String> expectedRow(Anomaly anomaly) {
		List<String> cells = new ArrayList<>(List.of(anomaly.code(), anomaly.description()));
		IsolationAnomaliesIntegrationTests.postgresql()
			.map(Arguments::get)
			.filter((cell) -> cell[0] == anomaly)
			.forEach((cell) -> cells.add(((Outcome) cell[2]).label()));
		return cells;
	}

}
