package dev.backendbyexample.testsupport.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a starter that are plain text: the reduced root pom, the README, the check
 * command.
 */
class StarterKitTests {

	@Test
	void anAggregatorIsReplacedByItsModulesInThePomsOrder(@TempDir Path repository) throws IOException {
		Files.writeString(repository.resolve("pom.xml"), """
				<modules>
					<module>test-support</module>
					<module>caching</module>
					<module>messaging</module>
					<module>checks</module>
				</modules>
				""");
		Files.createDirectories(repository.resolve("caching"));
		Files.writeString(repository.resolve("caching/pom.xml"), "<packaging>jar</packaging>");
		Files.createDirectories(repository.resolve("messaging"));
		Files.writeString(repository.resolve("messaging/pom.xml"), """
				<packaging>pom</packaging>
				<modules>
					<module>rabbitmq</module>
					<module>kafka</module>
				</modules>
				""");

		assertThat(StarterKit.modules(repository)).containsExactly("test-support", "caching", "messaging/rabbitmq",
				"messaging/kafka", "checks");
	}

	@Test
	void theReducedPomKeepsOnlyTestSupportAndTheModule() {
		String pom = """
				<project>
					<modules>
						<module>test-support</module>
						<module>rate-limiting</module>
						<module>transactions</module>
					</modules>
					<properties/>
				</project>
				""";
		assertThat(StarterKit.reducedPom(pom, "transactions")).isEqualTo("""
				<project>
					<modules>
						<module>test-support</module>
						<module>transactions</module>
					</modules>
					<properties/>
				</project>
				""");
		assertThat(StarterKit.modules(pom)).containsExactly("test-support", "rate-limiting", "transactions");
	}

	@Test
	void theCheckCommandBuildsTestSupportToo() {
		assertThat(StarterKit.checkCommand("transactions", "LostUpdateIntegrationTests,A#b"))
			.isEqualTo("./mvnw -B -pl transactions -am verify -Dtest='LostUpdateIntegrationTests,A#b' "
					+ "-Dsurefire.failIfNoSpecifiedTests=false");
	}

	@Test
	void theReadmeStatesEachTaskAndHowToCheckIt() {
		Exercise exercise = new Exercise("optimistic", "version check", "medium", 25, "Write it again.",
				List.of("LostUpdateIntegrationTests"));
		assertThat(StarterKit.readme("transactions", List.of(exercise)))
			.contains("## optimistic: version check\n\nmedium, about 25 minutes.\n\nWrite it again.\n")
			.contains("`./bbe exercise transactions optimistic`")
			.contains(StarterKit.checkCommand("transactions", "LostUpdateIntegrationTests"));
	}

}
