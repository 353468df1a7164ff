package dev.backendbyexample.testsupport.starter;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a starter that are plain text: the reduced root pom, the README, the check
 * command.
 */
class StarterKitTests {

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
