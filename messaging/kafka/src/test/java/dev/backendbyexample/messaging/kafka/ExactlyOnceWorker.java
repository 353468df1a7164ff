package dev.backendbyexample.messaging.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once pipeline in a JVM of its own, so a test can kill it with SIGKILL in
 * the middle of a transaction:
 * {@code ExactlyOnceWorker <bootstrap> <input> <output> <group>
 * <transactional-id> <batch-to-stop-in>}. It tells its parent what it did on standard
 * output (the parent reads nothing else): {@code COMMITTED <n>} after each commit, then,
 * in the batch to stop in, {@code IN-FLIGHT <n>} once that batch's output reached the
 * broker — and waits there, its transaction open, for the kill.
 */
public final class ExactlyOnceWorker {

	private ExactlyOnceWorker() {
	}

	public static void main(String[] args) throws IOException {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		// Standard output is the protocol with the parent process, not a log.
		PrintStream parent = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		int stopIn = Integer.parseInt(args[5]);
		int[] batches = { 0 };
		try (ExactlyOncePipeline pipeline = new ExactlyOncePipeline(args[0], args[1], args[2], args[3], args[4])) {
			while (true) {
				int processed = pipeline.processBatch(Duration.ofMillis(200), (inFlight) -> {
					if (++batches[0] == stopIn) {
						parent.println("IN-FLIGHT " + inFlight);
						waitForever();
					}
				});
				if (processed > 0) {
					parent.println("COMMITTED " + processed);
				}
			}
		}
	}

	private static void waitForever() {
		try {
			while (System.in.read() != -1) {
				// The parent never writes: this blocks until the process is killed.
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
