package dev.backendbyexample.security.jwt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The benchmark in miniature, so it never rots: every algorithm with jjwt and its Nimbus
 * peer, the request, hash and login timings, every number positive. No timing is
 * asserted.
 */
class JwtBenchmarkSmokeTests {

	@Test
	void measuresEveryAlgorithmWithBothLibrariesAndTheApplicationTimings() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		List<JwtBenchmark.Row> rows = JwtBenchmark.run(
				new String[] { "--duration=50ms", "--warmup=10ms", "--requests=5", "--hashes=2" },
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(rows).filteredOn((row) -> row.section().equals("Nimbus verify (peer)"))
			.extracting(JwtBenchmark.Row::name)
			.containsExactly("ES256", "HS256", "RS256");
		assertThat(rows).extracting(JwtBenchmark.Row::section)
			.contains("jjwt sign", "jjwt verify", "this module's JjwtDecoder", "request p50", "hash p50", "login p99");
		assertThat(rows).allSatisfy((row) -> assertThat(row.value()).isPositive());
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("jjwt/Nimbus", "with a bearer token",
				"unknown user", "wrong password");
	}

	@Test
	void anUnknownArgumentIsRefusedBeforeAnythingRuns() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class).isThrownBy(() -> JwtBenchmark
			.run(new String[] { "--threads=4" }, new PrintStream(printed, true, StandardCharsets.UTF_8)));
		assertThat(printed.size()).isZero();
	}

}
