package dev.backendbyexample.messaging.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A few thousand records through the benchmark, Kafka's perf tools included, so that it
 * keeps working; no timing is asserted.
 */
class KafkaMessagingBenchmarkSmokeTests {

	@Test
	void benchmarkPrintsSpringAndPerfToolRowsLatencyAndTransactions() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			KafkaMessagingBenchmark.run(
					new String[] { "--records=2000", "--batch-sizes=16384", "--lingers=0,5", "--latency-records=200" },
					out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);

		assertThat(
				output.lines()
					.filter((line) -> line
						.matches(" *16384 +\\| [05] +\\| \\d+ +\\| [0-9.]+ +\\| \\d+ +\\| [0-9.]+ +\\| [0-9.]+")))
			.hasSize(2);
		assertThat(output).containsPattern("\\n +\\d+ +\\| \\d+ +\\| [0-9.]+\\n")
			.containsPattern("send -> listener +\\| \\d+ +\\| \\d+ +\\| \\d+")
			.containsPattern("100 records per transaction +\\| \\d+");
	}

	@Test
	void anUnknownArgumentIsRefusedBeforeAnythingRuns() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
				.isThrownBy(() -> KafkaMessagingBenchmark.run(new String[] { "--record=8" }, out))
				.withMessageStartingWith("Unknown benchmark argument --record.");
			assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
				.isThrownBy(() -> KafkaMessagingBenchmark.run(new String[] { "--lingers=5,-1" }, out));
		}
		assertThat(bytes.size()).isZero();
	}

}
