package dev.backendbyexample.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A container that cannot start never hangs the build: "auto" falls back to the local
 * server with one notice, an explicit "containers" fails with the reason.
 */
class ServiceModesTests {

	private static final ServiceMode.Decision AUTO_CHOSE_CONTAINERS = new ServiceMode.Decision(ServiceMode.CONTAINERS,
			"auto: a Docker engine answered");

	private static final ServiceMode.Decision CONTAINERS_REQUESTED = new ServiceMode.Decision(ServiceMode.CONTAINERS,
			"BBE_SERVICES=containers");

	private final List<String> notices = new ArrayList<>();

	@Test
	void autoFallsBackToTheLocalServerWhenTheContainerHangs() {
		CountDownLatch neverReleased = new CountDownLatch(1);
		String server = ServiceModes.resolve(AUTO_CHOSE_CONTAINERS, Duration.ofMillis(200), Service.REDIS,
				() -> "local", () -> {
					// a pull that retries against an unreachable registry
					awaitQuietly(neverReleased);
					return "container";
				}, this.notices::add);
		assertThat(server).isEqualTo("local");
		assertThat(this.notices).singleElement()
			.asString()
			.startsWith("Redis container did not start (no start within 200 ms");
	}

	@Test
	void autoFallsBackToTheLocalServerWhenTheContainerFails() {
		String server = ServiceModes.resolve(AUTO_CHOSE_CONTAINERS, Duration.ofSeconds(10), Service.POSTGRES,
				() -> "local", () -> {
					throw new IllegalStateException("image not found");
				}, this.notices::add);
		assertThat(server).isEqualTo("local");
		assertThat(this.notices).singleElement().asString().contains("image not found");
	}

	@Test
	void explicitContainersModeFailsInsteadOfFallingBack() {
		assertThatIllegalStateException().isThrownBy(() -> ServiceModes.resolve(CONTAINERS_REQUESTED,
				Duration.ofSeconds(10), Service.POSTGRES, () -> "local", () -> {
					throw new IllegalStateException("image not found");
				}, this.notices::add))
			.withMessageContaining("image not found");
		assertThat(this.notices).isEmpty();
	}

	@Test
	void localModeNeverStartsAContainer() {
		String server = ServiceModes.resolve(new ServiceMode.Decision(ServiceMode.LOCAL, "BBE_SERVICES=local"),
				Duration.ofSeconds(1), Service.KAFKA, () -> "local", () -> {
					throw new AssertionError("a container was started");
				}, this.notices::add);
		assertThat(server).isEqualTo("local");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
