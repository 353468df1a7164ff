package dev.backendbyexample.transactions;

import java.util.List;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

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
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("P4 ")
			.contains("lost update")
			.matches(".*\\| ANOMALY +\\| aborts \\(40001\\) +\\| aborts \\(40001\\)"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("G2-item ")
			.matches(".*\\| ANOMALY +\\| ANOMALY +\\| aborts \\(40001\\)"));
		assertThat(lines).anySatisfy(
				(line) -> assertThat(line).startsWith("G1a ").matches(".*\\| prevented +\\| prevented +\\| prevented"));
	}

}
