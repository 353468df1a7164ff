package dev.backendbyexample.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine answers, giving up after the timeout.
 */
final class TestcontainersDockerProbe implements ServiceMode.DockerProbe {

	@Override
	public boolean answers(Duration timeout) {
		if (!dockerMayBeConfigured()) {
			return false;
		}
		// Testcontainers' own strategies can retry for a long time against a daemon that
		// does not answer; a daemon thread and a bounded wait keep "auto" from hanging.
		CompletableFuture<Boolean> probe = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				probe.complete(DockerClientFactory.instance().isDockerAvailable());
			}
			catch (Throwable ex) {
				probe.complete(false);
			}
		}, "bbe-docker-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Cheap first check: no socket, no DOCKER_HOST and no Testcontainers config means no
	 * engine.
	 */
	private static boolean dockerMayBeConfigured() {
		String home = System.getProperty("user.home");
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(home, ".testcontainers.properties"));
	}

}
