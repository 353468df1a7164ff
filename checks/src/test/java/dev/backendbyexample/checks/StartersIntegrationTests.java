package dev.backendbyexample.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.backendbyexample.testsupport.starter.Exercise;
import dev.backendbyexample.testsupport.starter.StarterKit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every module with exercises: the starter {@code ./bbe starter <module>} writes
 * (every exercise cut out) compiles and passes its formatting check, running its tests
 * fails exactly the tests {@code exercises.properties} lists and no other, and putting
 * the original code back gives the module byte for byte, whose tests the main build has
 * just run (this module is built after every module it checks).
 * <p>
 * The starter is built by its own Maven wrapper, offline against {@code ~/.m2}, on the
 * same backing services as the main build. Surefire reruns a failed test once, so a test
 * that fails only because the machine is loaded does not count as "failed"; an exercise's
 * tests fail every time.
 */
class StartersIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(StartersIntegrationTests.class);

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

	static List<String> modulesWithExercises() {
		return new StarterKit(REPOSITORY).modulesWithExercises();
	}

	@ParameterizedTest
	@MethodSource("modulesWithExercises")
	void starterWithEveryExerciseCutOutCompilesAndFailsExactlyTheListedTests(String module) throws Exception {
		Path starter = Path.of("target", "starters", module).toAbsolutePath();
		deleteOwnOutput(starter);
		List<Exercise> exercises = new StarterKit(REPOSITORY).write(module, starter, null);

		assertThat(withOriginalsPutBack(starter.resolve(module), REPOSITORY.resolve(module)))
			.as("the starter differs from the module only inside exercise markers")
			.isEqualTo(tree(REPOSITORY.resolve(module)));

		long started = System.nanoTime();
		Process build = new ProcessBuilder("./mvnw", "-B", "-o", "verify",
				"-Dtest=!dev/backendbyexample/testsupport/**", "-Dsurefire.failIfNoSpecifiedTests=false",
				"-Dsurefire.rerunFailingTestsCount=1", "-Dmaven.test.failure.ignore=true")
			.directory(starter.toFile())
			.redirectErrorStream(true)
			.redirectOutput(starter.resolve("build.log").toFile())
			.start();
		assertThat(build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("the starter's build finishes within %s (log: %s)", BUILD_TIMEOUT, starter.resolve("build.log"))
			.isTrue();
		logger.info("The {} starter built and ran its tests in {} s", module,
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
		assertThat(build.exitValue())
			.as("the starter compiles and is formatted (test failures aside); see %s", starter.resolve("build.log"))
			.isZero();

		Map<String, Boolean> outcomes = SurefireReports
			.read(starter.resolve(module).resolve("target/surefire-reports"));
		Set<String> failed = new TreeSet<>();
		outcomes.forEach((test, didFail) -> {
			if (didFail) {
				failed.add(test);
			}
		});
		assertThat(failed).as("the tests that fail in the %s starter", module).isEqualTo(expected(exercises, outcomes));
	}

	/**
	 * The listed tests as methods: {@code Class#method} as it is, {@code Class} as every
	 * method of the class that ran.
	 */
	private static Set<String> expected(List<Exercise> exercises, Map<String, Boolean> outcomes) {
		Set<String> expected = new TreeSet<>();
		for (Exercise exercise : exercises) {
			for (String test : exercise.tests()) {
				if (test.contains("#")) {
					assertThat(outcomes).as("%s (exercise %s) ran in the starter", test, exercise.id())
						.containsKey(test);
					expected.add(test);
				}
				else {
					List<String> methods = outcomes.keySet()
						.stream()
						.filter((key) -> key.startsWith(test + "#"))
						.toList();
					assertThat(methods).as("%s (exercise %s) ran in the starter", test, exercise.id()).isNotEmpty();
					expected.addAll(methods);
				}
			}
		}
		return expected;
	}

	/**
	 * The starter's module with the original put back into every file that carries
	 * exercise markers; every other file stays as the kit copied it.
	 */
	private static Map<Path, String> withOriginalsPutBack(Path starterModule, Path originalModule) {
		Map<Path, String> tree = tree(starterModule);
		tree.replaceAll((file, text) -> text.contains("exercise:begin") ? read(originalModule.resolve(file)) : text);
		return tree;
	}

	private static Map<Path, String> tree(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			Map<Path, String> tree = new TreeMap<>();
			files.filter(Files::isRegularFile)
				.filter((file) -> !folder.relativize(file).startsWith("target"))
				.forEach((file) -> tree.put(folder.relativize(file), read(file)));
			return tree;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Removes a starter this test wrote on an earlier run (under this module's target/).
	 */
	private static void deleteOwnOutput(Path starter) throws IOException {
		if (!Files.exists(starter)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(starter)) {
			List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
			for (Path path : paths) {
				Files.delete(path);
			}
		}
	}

}
