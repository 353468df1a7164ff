package dev.backendbyexample.caching;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark in miniature, so it never rots: every read and floor measured, every hit
 * ratio and the invalidation delay reported. No timing is asserted.
 */
class CachingBenchmarkSmokeTests {

	@Test
	void measuresEveryReadAndFloorInOneRun() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		CachingBenchmark.Result result = CachingBenchmark.run(
				new String[] { "--duration=100ms", "--warmup=0ms", "--threads=1,2", "--keys=50", "--invalidations=20",
						"--zipf-reads=10000", "--seed-products=1000", "--seed-reviews=20000" },
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(result.rows()).extracting(CachingBenchmark.Row::what)
			.contains(CachingBenchmark.DATABASE, CachingBenchmark.REDIS_ABSTRACTION, CachingBenchmark.REDIS_TEMPLATE,
					CachingBenchmark.REDIS_FLOOR, CachingBenchmark.LOCAL_ABSTRACTION, CachingBenchmark.LOCAL_FLOOR,
					CachingBenchmark.HTTP_200, CachingBenchmark.HTTP_304);
		assertThat(result.rows()).hasSize(16).allSatisfy((row) -> assertThat(row.perSecond()).isPositive());
		assertThat(result.hitRatios()).hasSize(4)
			.allSatisfy((ratio) -> assertThat(ratio.tinyLfu()).isBetween(0.0, 1.0));
		assertThat(result.invalidationP99Nanos()).isPositive();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("the Lettuce floor's throughput")
			.contains("W-TinyLFU")
			.contains("invalidation delay A -> B");
	}

}
