package dev.backendbyexample.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.backendbyexample.testsupport.starter.Exercise;
import dev.backendbyexample.testsupport.starter.Exercises;
import dev.backendbyexample.testsupport.starter.StarterKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * Every {@code ./mvnw} and {@code ./bbe} command a module's README prints works on a
 * fresh clone, checked without running it: {@code -pl} comes with {@code -am} (else Maven
 * looks for test-support in {@code ~/.m2}), {@code -Dtest} with
 * {@code -Dsurefire.failIfNoSpecifiedTests=false} and names tests that exist, and every
 * {@code ./bbe} subcommand, module and exercise exists. {@code .ci/run} runs
 * {@code ./bbe exercise} for every module for real.
 */
class ReadmeCommandsTests {

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern COMMAND = Pattern.compile("\\./(mvnw|bbe)\\b[^`\\n]*");

	private static final Pattern BBE_BRANCH = Pattern.compile("^  ([a-z][a-z| -]*)\\)\\s*$", Pattern.MULTILINE);

	/**
	 * The modules with a README, nested ones by their path ({@code messaging/rabbitmq}).
	 */
	static List<String> modules() {
		return StarterKit.modules(REPOSITORY)
			.stream()
			.filter((module) -> Files.isRegularFile(REPOSITORY.resolve(module).resolve("README.md")))
			.toList();
	}

	@ParameterizedTest
	@MethodSource("modules")
	void everyMavenCommandBuildsTestSupportAndSelectsTestsThatExist(String module) {
		assertThat(mavenProblems(module, read(REPOSITORY.resolve(module).resolve("README.md"))))
			.as("problems with the ./mvnw commands in %s/README.md", module)
			.isEmpty();
	}

	@Test
	void theExerciseCommandsOfBeforeIssue7AreCaught() {
		String readme = """
				Run `./mvnw -pl transactions verify -Dtest='LostUpdateIntegrationTests,NoSuchTests#nor'`: the
				optimistic cases fail.
				""";
		assertThat(mavenProblems("transactions", readme)).containsExactly(
				"./mvnw -pl transactions verify -Dtest=LostUpdateIntegrationTests,NoSuchTests#nor: -pl without -am "
						+ "fails on a fresh clone (test-support is not in ~/.m2)",
				"./mvnw -pl transactions verify -Dtest=LostUpdateIntegrationTests,NoSuchTests#nor: -Dtest without "
						+ "-Dsurefire.failIfNoSpecifiedTests=false fails in test-support, which has none of these tests",
				"./mvnw -pl transactions verify -Dtest=LostUpdateIntegrationTests,NoSuchTests#nor: no test class "
						+ "NoSuchTests in transactions/src/test/java");
		assertThat(mavenProblems("transactions",
				"./mvnw -B -pl transactions -am verify -Dtest='LostUpdateIntegrationTests#noSuchMethod' "
						+ "-Dsurefire.failIfNoSpecifiedTests=false"))
			.singleElement(STRING)
			.endsWith("no test method noSuchMethod in LostUpdateIntegrationTests");
	}

	private static List<String> mavenProblems(String module, String readme) {
		List<String> problems = new ArrayList<>();
		for (List<String> command : commands(readme, "mvnw")) {
			String shown = String.join(" ", command);
			Optional<String> projects = value(command, "-pl");
			if (projects.isPresent() && !command.contains("-am") && !command.contains("--also-make")) {
				problems.add(shown + ": -pl without -am fails on a fresh clone (test-support is not in ~/.m2)");
			}
			Optional<String> tests = value(command, "-Dtest");
			if (tests.isPresent()) {
				if (!command.contains("-Dsurefire.failIfNoSpecifiedTests=false")) {
					problems
						.add(shown + ": -Dtest without -Dsurefire.failIfNoSpecifiedTests=false fails in test-support, "
								+ "which has none of these tests");
				}
				String testModule = projects.orElse(module);
				for (String test : tests.get().split(",")) {
					missingTest(testModule, test.strip()).ifPresent((problem) -> problems.add(shown + ": " + problem));
				}
			}
		}
		return problems;
	}

	@ParameterizedTest
	@MethodSource("modules")
	void everyBbeCommandNamesASubcommandModuleAndExerciseThatExist(String module) {
		Set<String> subcommands = bbeSubcommands();
		List<String> known = modules();
		List<String> problems = new ArrayList<>();
		for (List<String> command : commands(read(REPOSITORY.resolve(module).resolve("README.md")), "bbe")) {
			String shown = String.join(" ", command);
			if (command.size() < 2) {
				continue;
			}
			String subcommand = command.get(1);
			if (!subcommands.contains(subcommand)) {
				problems.add(shown + ": ./bbe has no subcommand '" + subcommand + "' (it has " + subcommands + ")");
				continue;
			}
			if (command.size() < 3 || command.get(2).startsWith("-") || command.get(2).startsWith("<")
					|| !Set.of("run", "demo", "bench", "test", "starter", "exercise").contains(subcommand)) {
				continue;
			}
			String named = command.get(2);
			if (!known.contains(named) || named.equals("test-support")) {
				problems.add(shown + ": no module '" + named + "'");
			}
			else if (subcommand.equals("exercise") && command.size() > 3 && !command.get(3).startsWith("<")
					&& !Exercises.of(REPOSITORY.resolve(named)).ids().contains(command.get(3))) {
				problems.add(shown + ": " + named + " has no exercise '" + command.get(3) + "'");
			}
		}
		assertThat(problems).as("problems with the ./bbe commands in %s/README.md", module).isEmpty();
	}

	@Test
	void everyExerciseNamesTestsThatExist() {
		List<String> problems = new ArrayList<>();
		for (String module : modules()) {
			for (Exercise exercise : Exercises.of(REPOSITORY.resolve(module)).all()) {
				for (String test : exercise.tests()) {
					missingTest(module, test)
						.ifPresent((problem) -> problems.add(module + " exercise " + exercise.id() + ": " + problem));
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyModuleWithExercisesSaysInItsReadmeHowToStartAndCheckThem() {
		for (String module : modules()) {
			Exercises exercises = Exercises.of(REPOSITORY.resolve(module));
			if (exercises.isEmpty()) {
				continue;
			}
			String readme = read(REPOSITORY.resolve(module).resolve("README.md"));
			assertThat(readme).as("%s/README.md", module).contains("./bbe starter " + module);
			for (String id : exercises.ids()) {
				assertThat(readme).as("%s/README.md", module).contains("./bbe exercise " + module + " " + id);
			}
		}
	}

	/**
	 * Why {@code Class} or {@code Class#method[+method]} does not exist in the module's
	 * tests.
	 */
	private static Optional<String> missingTest(String module, String test) {
		String[] parts = test.split("#", 2);
		Optional<Path> source = testSource(module, parts[0]);
		if (source.isEmpty()) {
			return Optional.of("no test class " + parts[0] + " in " + module + "/src/test/java");
		}
		if (parts.length == 2) {
			for (String method : parts[1].split("\\+")) {
				if (!declaresOrInherits(module, source.get(), method)) {
					return Optional.of("no test method " + method + " in " + parts[0]);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether the test class, or a superclass of it among the module's tests, declares
	 * the method: a contract suite's tests run under every concrete class that extends
	 * it.
	 */
	private static boolean declaresOrInherits(String module, Path source, String method) {
		String text = read(source);
		if (Pattern.compile("\\bvoid " + Pattern.quote(method) + "\\(").matcher(text).find()) {
			return true;
		}
		Matcher superclass = Pattern.compile("\\bclass\\s+\\w+(?:<[^>]*>)?\\s+extends\\s+(\\w+)").matcher(text);
		if (!superclass.find()) {
			return false;
		}
		return testSource(module, superclass.group(1)).map((parent) -> declaresOrInherits(module, parent, method))
			.orElse(false);
	}

	private static Optional<Path> testSource(String module, String className) {
		Path tests = REPOSITORY.resolve(module).resolve("src/test/java");
		if (!Files.isDirectory(tests)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.walk(tests)) {
			return files.filter((file) -> file.getFileName().toString().equals(className + ".java")).findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The README's {@code ./mvnw} or {@code ./bbe} commands, as shell words. */
	static List<List<String>> commands(String readme, String program) {
		List<List<String>> commands = new ArrayList<>();
		Matcher command = COMMAND.matcher(readme.replace("\\\n", " "));
		while (command.find()) {
			if (command.group(1).equals(program)) {
				commands.add(words(command.group().replaceAll("\\s+#.*", "")));
			}
		}
		return commands;
	}

	/** Shell words, with single and double quotes removed. */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (char c : line.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				inWord = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

	/** {@code -pl x} or {@code -Dtest=x}. */
	private static Optional<String> value(List<String> command, String option) {
		for (int i = 0; i < command.size(); i++) {
			if (command.get(i).startsWith(option + "=")) {
				return Optional.of(command.get(i).substring(option.length() + 1));
			}
			if (command.get(i).equals(option) && i + 1 < command.size()) {
				return Optional.of(command.get(i + 1));
			}
		}
		return Optional.empty();
	}

	private static Set<String> bbeSubcommands() {
		Set<String> subcommands = new LinkedHashSet<>();
		Matcher branch = BBE_BRANCH.matcher(read(REPOSITORY.resolve("bbe")));
		while (branch.find()) {
			for (String label : branch.group(1).split("\\|")) {
				subcommands.add(label.strip());
			}
		}
		return subcommands;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
