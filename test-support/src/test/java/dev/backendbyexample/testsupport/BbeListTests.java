package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bbe list}: the root README's index in its order, each module with its status,
 * how long its demo takes (from its README) and how many exercises it offers (from its
 * {@code exercises.properties}).
 */
class BbeListTests {

	@Test
	void listsTheIndexInStudyOrderWithDemoTimeAndExercises(@TempDir Path repository) throws Exception {
		Files.copy(Path.of("..", "bbe"), repository.resolve("bbe"));
		write(repository, "pom.xml", """
				<modules>
					<module>test-support</module>
					<module>alpha</module>
					<module>beta</module>
					<module>gamma</module>
				</modules>
				""");
		write(repository, "README.md", """
				# Index

				## Start here

				| Module | Interview question | Status |
				|---|---|---|
				| [beta](beta/) | What is beta? | ready |

				## Then

				| Interview question | Module | One-line answer | Status |
				|---|---|---|---|
				| What is alpha? | [alpha](alpha/) | Alpha. | ready |
				| What is delta? | delta | Not yet. | planned |
				""");
		write(repository, "alpha/README.md", """
				# alpha

				> "What is alpha?"

				## Run it

				The demo takes about 40 s on an idle two-core machine.
				""");
		write(repository, "alpha/exercises.properties", """
				# one.title=commented out
				one.title=The first
				one.tests=AlphaTests
				two.title = The second
				two.difficulty=easy
				""");
		write(repository, "beta/README.md", "# beta\n\n> \"What is beta?\"\n");
		write(repository, "gamma/README.md", "# gamma\n\n> \"What is gamma?\"\n");

		assertThat(bbeList(repository)).containsExactly("module               status   demo     exercises  question",
				"beta                 ready    -        0          What is beta?",
				"alpha                ready    40 s     2          What is alpha?",
				"delta                planned  -        -          What is delta?",
				"gamma                ready    -        0          What is gamma?");
	}

	@Test
	void everyModuleOfTheBuildIsListedAsReady() throws Exception {
		List<String> lines = bbeList(Path.of(".."));

		assertThat(lines).anyMatch((line) -> line.matches("rate-limiting +ready .*"))
			.anyMatch((line) -> line.matches("transactions +ready .*"))
			.noneMatch((line) -> line.startsWith("test-support"));
	}

	private static List<String> bbeList(Path repository) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", repository.resolve("bbe").toString(), "list")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.lines().toList();
	}

	private static void write(Path repository, String file, String content) throws IOException {
		Path path = repository.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

}
