package dev.backendbyexample.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How the mode is chosen, with a fake answer to "does a Docker engine answer?".
 */
class ServiceModeTests {

	private static final ServiceMode.DockerProbe DOCKER_ANSWERS = (timeout) -> true;

	private static final ServiceMode.DockerProbe NO_DOCKER = (timeout) -> false;

	@Test
	void autoWithDockerUsesContainers() {
		assertThat(ServiceMode.decide("auto", DOCKER_ANSWERS).mode()).isEqualTo(ServiceMode.CONTAINERS);
	}

	@Test
	void autoWithoutDockerUsesLocalServersAndSaysWhy() {
		ServiceMode.Decision decision = ServiceMode.decide("auto", NO_DOCKER);
		assertThat(decision.mode()).isEqualTo(ServiceMode.LOCAL);
		assertThat(decision.reason()).isEqualTo("auto: no Docker engine answered within 3 s");
		assertThat(decision.fellBackFromAuto()).isTrue();
	}

	@Test
	void nothingRequestedMeansAuto() {
		assertThat(ServiceMode.decide(null, NO_DOCKER).mode()).isEqualTo(ServiceMode.LOCAL);
		assertThat(ServiceMode.decide(" ", DOCKER_ANSWERS).mode()).isEqualTo(ServiceMode.CONTAINERS);
	}

	@Test
	void explicitModeNeverAsksDocker() {
		ServiceMode.DockerProbe mustNotBeAsked = (timeout) -> {
			throw new AssertionError("the probe was asked");
		};
		assertThat(ServiceMode.decide("local", mustNotBeAsked).mode()).isEqualTo(ServiceMode.LOCAL);
		ServiceMode.Decision containers = ServiceMode.decide("CONTAINERS", mustNotBeAsked);
		assertThat(containers.mode()).isEqualTo(ServiceMode.CONTAINERS);
		assertThat(containers.fellBackFromAuto()).as("an explicit choice never falls back").isFalse();
	}

	@Test
	void theProbeIsBoundedByTheDecisionTimeout() {
		AtomicReference<Duration> asked = new AtomicReference<>();
		ServiceMode.decide("auto", (timeout) -> {
			asked.set(timeout);
			return false;
		});
		assertThat(asked.get()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void unknownModeIsAClearError() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceMode.decide("kubernetes", NO_DOCKER))
			.withMessage("BBE_SERVICES must be auto, local or containers, but was 'kubernetes'");
	}

}
