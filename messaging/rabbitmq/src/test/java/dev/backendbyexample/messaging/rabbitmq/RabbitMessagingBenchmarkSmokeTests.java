package dev.backendbyexample.messaging.rabbitmq;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A second per cell of the benchmark, PerfTest included, so that it keeps working; no
 * timing is asserted.
 */
class RabbitMessagingBenchmarkSmokeTests {

	@Test
	void benchmarkPrintsSpringAndPerfTestRowsForEveryCellAndTheGoals() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			RabbitMessagingBenchmark
				.run(new String[] { "--duration=1s", "--queue-types=classic", "--prefetch=250", "--consumers=1" }, out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);

		assertThat(output.lines().filter((line) -> line.matches(" *publish +\\| classic .*"))).hasSize(4);
		assertThat(output.lines().filter((line) -> line.matches(" *consume +\\| classic .*\\| PerfTest .*")))
			.hasSize(1);
		assertThat(output).contains("goal publisher with confirms, classic: Spring AMQP ")
			.contains("goal consumers, prefetch 250, 1 consumer(s), classic: Spring AMQP ");
	}

	@Test
	void anUnknownArgumentIsRefusedBeforeAnythingRuns() {
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> RabbitMessagingBenchmark.run(new String[] { "--prefetc=1" }, System.out))
			.withMessageStartingWith("Unknown benchmark argument --prefetc.");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> RabbitMessagingBenchmark.run(new String[] { "--queue-types=stream" }, System.out));
	}

}
