package dev.backendbyexample.transactions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A few seconds of the benchmark, pgbench included, so that it keeps working; no timing
 * is asserted.
 */
class TransactionsBenchmarkSmokeTests {

	@Test
	void benchmarkPrintsOneRowPerCellAndThePgbenchCeiling() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			TransactionsBenchmark.run(new String[] { "--duration=300ms", "--threads=1,2",
					"--strategies=pessimistic,atomic-update", "--workloads=uniform,hot-pair", "--accounts=20" }, out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);

		assertThat(output.lines().filter((line) -> line.matches(" *(uniform|hot-pair) +\\| .*"))).hasSize(8);
		assertThat(output).contains("pgbench TPC-B-like | 1").contains("pgbench TPC-B-like | 2");
	}

	@Test
	void anUnknownArgumentIsRefusedBeforeAnythingRuns() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
				.isThrownBy(() -> TransactionsBenchmark.run(new String[] { "--thread=8" }, out))
				.withMessageStartingWith("Unknown benchmark argument --thread. Known arguments, with their defaults: "
						+ "--duration=5s --threads=1,8,32");
			assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
				.isThrownBy(() -> TransactionsBenchmark.run(new String[] { "--strategies=optimistic,lucky" }, out))
				.withMessageStartingWith("--strategies=optimistic,lucky is not a list of ");
		}
		assertThat(bytes.size()).isZero();
	}

}
