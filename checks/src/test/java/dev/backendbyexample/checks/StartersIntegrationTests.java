package dev.backendbyexample.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.backendbyexample.testsupport.starter.Exercise;
import dev.backendbyexample.testsupport.starter.StarterKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every module with exercises: the starter {@code ./bbe starter <module>} writes
 * (every exercise cut out) compiles and passes its formatting check, running all its
 * tests fails exactly the tests {@code exercises.properties} lists and no other, and
 * putting the original code back gives the module byte for byte, whose tests the main
 * build has just run and passed (this module is built after every module it checks).
 * <p>
 * Each starter is built by its own Maven wrapper, offline against {@code ~/.m2}, on the
 * same backing services as the main build. The starters build side by side, each with two
 * test JVMs, since most of their time is spent waiting (an exercise's test often fails by
 * waiting out its Awaitility bound for a state that never comes), not computing. A test
 * outside the lists that fails is run once more on its own: one that passes then failed
 * only because the machine was loaded, while an exercise's tests fail every time.
 */
class StartersIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(StartersIntegrationTests.class);

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

	private static final Map<String, Build> builds = new ConcurrentHashMap<>();

	static List<String> modulesWithExercises() {
		return new StarterKit(REPOSITORY).modulesWithExercises();
	}

	@BeforeAll
	static void writeEveryStarterAndStartItsBuild() throws IOException {
		for (String module : modulesWithExercises()) {
			Path starter = Path.of("target", "starters", module).toAbsolutePath();
			deleteOwnOutput(starter);
			List<Exercise> exercises = new StarterKit(REPOSITORY).write(module, starter, null);
			builds.put(module,
					new Build(starter, exercises,
							maven(starter, "build.log", "-Dtest=!dev/backendbyexample/testsupport/**",
									"-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true",
									"-DforkCount=2"),
							System.nanoTime()));
		}
	}

	@AfterAll
	static void stopBuildsLeftRunning() {
		builds.values().forEach((build) -> build.process().destroy());
	}

	@ParameterizedTest
	@MethodSource("modulesWithExercises")
	void starterWithEveryExerciseCutOutCompilesAndFailsExactlyTheListedTests(String module) throws Exception {
		Build build = builds.get(module);
		Path starter = build.starter();
		assertThat(withOriginalsPutBack(starter.resolve(module), REPOSITORY.resolve(module)))
			.as("the starter differs from the module only inside exercise markers")
			.isEqualTo(tree(REPOSITORY.resolve(module)));

		awaitSuccess(build.process(), starter.resolve("build.log"));
		logger.info("The {} starter compiled and ran its tests in {} s", module,
				Duration.ofNanos(System.nanoTime() - build.started()).toSeconds());
		Map<String, Boolean> outcomes = SurefireReports
			.read(starter.resolve(module).resolve("target/surefire-reports"));
		Set<String> expected = expected(build.exercises(), outcomes);
		Set<String> failed = failed(outcomes);

		Set<String> unexpected = new TreeSet<>(failed);
		unexpected.removeAll(expected);
		if (!unexpected.isEmpty()) {
			logger.info("Running again, on their own, the tests that failed in the {} starter but are not listed: {}",
					module, unexpected);
			awaitSuccess(maven(starter, "rerun.log", "-pl", module, "-am", "-Dtest=" + String.join(",", unexpected),
					"-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true", "-DforkCount=2"),
					starter.resolve("rerun.log"));
			failed.removeAll(unexpected);
			failed.addAll(failed(SurefireReports.read(starter.resolve(module).resolve("target/surefire-reports"))));
		}
		assertThat(failed).as("the tests that fail in the %s starter", module).isEqualTo(expected);
	}

	private static Process maven(Path starter, String log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-o", "verify"));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(starter.toFile())
			.redirectErrorStream(true)
			.redirectOutput(starter.resolve(log).toFile())
			.start();
	}

	private static void awaitSuccess(Process process, Path log) throws InterruptedException {
		assertThat(process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.as("the starter's build finishes within %s (log: %s)", BUILD_TIMEOUT, log)
			.isTrue();
		assertThat(process.exitValue()).as("the starter compiles and is formatted (test failures aside); see %s", log)
			.isZero();
	}

	private static Set<String> failed(Map<String, Boolean> outcomes) {
		Set<String> failed = new TreeSet<>();
		outcomes.forEach((test, didFail) -> {
			if (didFail) {
				failed.add(test);
			}
		});
		return failed;
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

	/** Any file, text or not (a screenshot), as a string that compares byte for byte. */
	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
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
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private record Build(Path starter, List<Exercise> exercises, Process process, long started) {

	}

}
