package dev.backendbyexample.testsupport;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where the backing services come from: Testcontainers, or the servers on this machine.
 */
public enum ServiceMode {

	CONTAINERS, LOCAL;

	/**
	 * Environment variable (or system property {@code bbe.services}) that chooses the
	 * mode.
	 */
	public static final String VARIABLE = "BBE_SERVICES";

	static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Decides the mode for a requested value of {@code auto} (or nothing), {@code local}
	 * or {@code containers}; {@code auto} asks the probe, bounded so a silent daemon
	 * cannot hang it.
	 */
	static Decision decide(@Nullable String requested, DockerProbe docker) {
		String choice = (requested == null || requested.isBlank()) ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
		return switch (choice) {
			case "local" -> new Decision(LOCAL, VARIABLE + "=local");
			case "containers" -> new Decision(CONTAINERS, VARIABLE + "=containers");
			case "auto" -> docker.answers(DOCKER_PROBE_TIMEOUT)
					? new Decision(CONTAINERS, "auto: a Docker engine answered") : new Decision(LOCAL,
							"auto: no Docker engine answered within " + DOCKER_PROBE_TIMEOUT.toSeconds() + " s");
			default -> throw new IllegalArgumentException(
					VARIABLE + " must be auto, local or containers, but was '" + requested + "'");
		};
	}

	/** A decided mode and the reason, printed once at start-up. */
	record Decision(ServiceMode mode, String reason) {

		boolean fellBackFromAuto() {
			return this.reason.startsWith("auto");
		}

	}

	/** Answers whether a Docker engine is usable, within a time limit. */
	@FunctionalInterface
	interface DockerProbe {

		boolean answers(Duration timeout);

	}

}
