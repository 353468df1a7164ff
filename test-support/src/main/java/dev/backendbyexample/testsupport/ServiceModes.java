package dev.backendbyexample.testsupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one mode decision of this JVM, and the bounded container start that falls back to
 * the machine's own servers when "auto" picked containers that then cannot start.
 */
final class ServiceModes {

	private static final Log logger = LogFactory.getLog(ServiceModes.class);

	/** A pull from an unreachable registry can retry for minutes; bound it. */
	private static final String START_TIMEOUT_VARIABLE = "BBE_CONTAINER_START_TIMEOUT";

	private static ServiceMode.@Nullable Decision decision;

	private ServiceModes() {
	}

	static synchronized ServiceMode.Decision current() {
		if (decision == null) {
			String requested = LocalSettings.fromEnvironment().get(ServiceMode.VARIABLE);
			decision = ServiceMode.decide(requested, new TestcontainersDockerProbe());
		}
		return decision;
	}

	/**
	 * Resolves a service's server in the current mode, starting its container at most
	 * once.
	 */
	static <T> T resolve(Service service, Supplier<T> local, Supplier<T> container) {
		Duration timeout = Duration.ofSeconds(LocalSettings.fromEnvironment().port(START_TIMEOUT_VARIABLE, 180));
		return resolve(current(), timeout, service, local, container, ServiceModes::fallBackToLocal);
	}

	/**
	 * Local servers in local mode; in containers mode the container, started within the
	 * timeout, or (only when "auto" chose containers) the local servers after a notice.
	 */
	static <T> T resolve(ServiceMode.Decision decision, Duration timeout, Service service, Supplier<T> local,
			Supplier<T> container, Consumer<String> fallBack) {
		if (decision.mode() == ServiceMode.LOCAL) {
			return local.get();
		}
		try {
			return startBounded(service, container, timeout);
		}
		catch (RuntimeException ex) {
			if (!decision.fellBackFromAuto()) {
				throw ex;
			}
			fallBack.accept(service.displayName() + " container did not start (" + ex.getMessage() + ")");
			return local.get();
		}
	}

	private static synchronized void fallBackToLocal(String why) {
		logger.warn("Backing services: falling back to local mode: " + why);
		decision = new ServiceMode.Decision(ServiceMode.LOCAL, "auto: " + why);
	}

	private static <T> T startBounded(Service service, Supplier<T> container, Duration timeout) {
		CompletableFuture<T> start = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				start.complete(container.get());
			}
			catch (Throwable ex) {
				start.completeExceptionally(ex);
			}
		}, "bbe-start-" + service.name().toLowerCase());
		thread.setDaemon(true);
		thread.start();
		try {
			return start.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException(
					"no start within " + timeout.toMillis() + " ms (" + START_TIMEOUT_VARIABLE + "): " + cause, cause);
		}
	}

}
