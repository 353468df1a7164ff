package dev.backendbyexample.testsupport.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BenchmarkArgumentsTests {

	private static final String[] DEFAULTS = { "--duration=3s", "--threads=1,16,64", "--keys=10000", "--pgbench=true",
			"--workloads=uniform,hot-pair" };

	@Test
	void givenArgumentsOverrideTheirDefaultsAndTheOthersKeepThem() {
		BenchmarkArguments arguments = BenchmarkArguments.parse(new String[] { "--duration=250ms", "--threads=1,4" },
				DEFAULTS);

		assertThat(arguments.duration("duration")).isEqualTo(Duration.ofMillis(250));
		assertThat(arguments.positives("threads")).containsExactly(1, 4);
		assertThat(arguments.positive("keys")).isEqualTo(10_000);
		assertThat(arguments.flag("pgbench")).isTrue();
		assertThat(arguments.list("workloads")).containsExactly("uniform", "hot-pair");
		assertThat(arguments)
			.hasToString("--duration=250ms --threads=1,4 --keys=10000 --pgbench=true --workloads=uniform,hot-pair");
	}

	@Test
	void durationsComeInMillisecondsSecondsOrMinutes() {
		assertThat(BenchmarkArguments.parse(new String[] { "--duration=2m" }, DEFAULTS).duration("duration"))
			.isEqualTo(Duration.ofMinutes(2));
		assertThat(BenchmarkArguments.parse(new String[0], DEFAULTS).duration("duration"))
			.isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void anUnknownNameIsRefusedNamingTheKnownOnes() {
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--durations=3s" }, DEFAULTS))
			.withMessage("Unknown benchmark argument --durations. Known arguments, with their defaults: "
					+ "--duration=3s --threads=1,16,64 --keys=10000 --pgbench=true --workloads=uniform,hot-pair");
	}

	@Test
	void theOldNameEqualsValueFormIsRefused() {
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "duration=3s" }, DEFAULTS))
			.withMessageStartingWith("Benchmark arguments read --name=value, but one was 'duration=3s'. Known");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--pgbench" }, DEFAULTS))
			.withMessageStartingWith("Benchmark arguments read --name=value, but one was '--pgbench'");
	}

	@Test
	void aNameGivenTwiceIsRefused() {
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--keys=1", "--keys=2" }, DEFAULTS))
			.withMessageStartingWith("--keys was given twice.");
	}

	@Test
	void aValueOfTheWrongKindIsRefusedWithTheKindExpected() {
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--duration=3" }, DEFAULTS).duration("duration"))
			.withMessageStartingWith("--duration=3 is not a duration such as 500ms, 3s or 2m.");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--threads=1,0" }, DEFAULTS).positives("threads"))
			.withMessageStartingWith("--threads=1,0 is not a whole number of at least 1.");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(() -> BenchmarkArguments.parse(new String[] { "--pgbench=yes" }, DEFAULTS).flag("pgbench"))
			.withMessageStartingWith("--pgbench=yes is not true or false.");
		assertThatExceptionOfType(BenchmarkArguments.Invalid.class)
			.isThrownBy(
					() -> BenchmarkArguments.parse(new String[] { "--workloads=uniform," }, DEFAULTS).list("workloads"))
			.withMessageStartingWith("--workloads=uniform, is not a comma-separated list without empty items.");
	}

}
