package dev.backendbyexample.ratelimiting;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The benchmark in miniature, so it never rots: every implementation and peer measured,
 * every cell with decisions. No timing is asserted.
 */
class RateLimitingBenchmarkSmokeTests {

	@Test
	void measuresEveryImplementationAndPeerInOneRun() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		List<RateLimitingBenchmark.Row> rows = RateLimitingBenchmark.run(
				new String[] { "--duration=100ms", "--warmup=0ms", "--threads=1,4", "--keys=100" },
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(rows).extracting(RateLimitingBenchmark.Row::implementation)
			.contains("redis (this module)", "memory (this module)", "redis-benchmark EVALSHA (peer)",
					"bucket4j lettuce (peer)", "resilience4j in memory (peer)");
		// 5 algorithms x 2 backends x 2 key counts x 2 concurrencies, 3 peers x 4, 1
		// batch
		assertThat(rows).hasSize(40 + 12 + 1).allSatisfy((row) -> assertThat(row.perSecond()).isPositive());
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("decisions/s").contains("x redis-benchmark");
	}

	@Test
	void anArgumentNotWrittenAsDashDashNameEqualsValueIsRefusedBeforeAnythingRuns() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> RateLimitingBenchmark.run(new String[] { "duration=3s" }, out))
			.withMessageContaining("--duration=3s --warmup=1s --threads=1,16,64 --keys=10000 --algorithms=all");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> RateLimitingBenchmark.run(new String[] { "--algorithms=token-bucket,leaky" }, out))
			.withMessageStartingWith("--algorithms=token-bucket,leaky is not all or a list of ");
		assertThat(printed.size()).isZero();
	}

}
