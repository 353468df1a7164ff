package dev.backendbyexample.restvsgraphql;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A short run of the benchmark, so that it keeps working; no timing is asserted, only its
 * rows and the structure they report.
 */
class RestVsGraphqlBenchmarkSmokeTests {

	@Test
	void benchmarkPrintsOneRowPerUseCaseWayAndClientCount() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			RestVsGraphqlBenchmark.run(new String[] { "--duration=100ms", "--warmup=50ms", "--clients=1,2" }, out);
		}
		String output = bytes.toString(StandardCharsets.UTF_8);

		// 4 + 4 + 2 ways, 2 client counts each
		assertThat(output.lines().filter((line) -> line.matches(" *[abc]\\) .*"))).hasSize(20);
		assertThat(output).containsPattern("b\\) feed +\\| GraphQL +\\| 2 +\\| \\d+ +\\| .* \\| 1 +\\| \\d+ +\\| 3")
			.containsPattern("b\\) feed +\\| GraphQL, no batching +\\| 1 +\\| .* \\| 41")
			// A revalidation reads the version only; no body
			.containsPattern("a\\) profile card +\\| REST, If-None-Match +\\| 1 +\\| .* \\| 1 +\\| 0 +\\| 1");
	}

	@Test
	void anUnknownArgumentIsRefusedBeforeAnythingRuns() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
				.isThrownBy(() -> RestVsGraphqlBenchmark.run(new String[] { "--client=8" }, out))
				.withMessageStartingWith("Unknown benchmark argument --client. Known arguments, with their defaults: "
						+ "--duration=3s --warmup=1s --clients=1,16 --feed-size=20");
		}
		assertThat(bytes.size()).isZero();
	}

}
