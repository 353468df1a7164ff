package dev.backendbyexample.messaging.kafka;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ExactlyOnceWorker} in a JVM of its own, lets it commit some batches, and
 * kills it with SIGKILL while a batch's transaction is open; then finishes the work in
 * this JVM with a pipeline of the same transactional id. Shared by the crash test and the
 * demo.
 */
final class PipelineCrash {

	private PipelineCrash() {
	}

	/**
	 * Starts the worker and kills it in the given batch, after that batch's output
	 * reached the broker and before its commit.
	 */
	static Crash killMidTransaction(String bootstrap, String input, String output, String group, String transactionalId,
			int batch) throws Exception {
		Process worker = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), ExactlyOnceWorker.class.getName(), bootstrap, input, output,
				group, transactionalId, Integer.toString(batch))
			.redirectError(new File(System.getProperty("java.io.tmpdir"), "bbe-exactly-once-worker.log"))
			.start();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
			int committed = 0;
			while (true) {
				String line = CompletableFuture.supplyAsync(() -> readLine(lines)).get(60, TimeUnit.SECONDS);
				if (line == null) {
					throw new IllegalStateException("The worker ended before it was killed; see "
							+ System.getProperty("java.io.tmpdir") + "/bbe-exactly-once-worker.log");
				}
				if (line.startsWith("COMMITTED ")) {
					committed += Integer.parseInt(line.substring("COMMITTED ".length()));
				}
				else if (line.startsWith("IN-FLIGHT ")) {
					int inFlight = Integer.parseInt(line.substring("IN-FLIGHT ".length()));
					int visible = Records.readAll(bootstrap, output, "read_uncommitted").size();
					worker.destroyForcibly();
					if (!worker.waitFor(30, TimeUnit.SECONDS)) {
						throw new IllegalStateException("The worker outlived SIGKILL");
					}
					return new Crash(committed, inFlight, visible, worker.exitValue());
				}
			}
		}
		finally {
			worker.destroyForcibly();
		}
	}

	/**
	 * Restarts the pipeline in this JVM and runs it until the total reaches
	 * {@code inputs}.
	 */
	static int finish(String bootstrap, String input, String output, String group, String transactionalId,
			int alreadyCommitted, int inputs) {
		int processed = 0;
		try (ExactlyOncePipeline restarted = new ExactlyOncePipeline(bootstrap, input, output, group,
				transactionalId)) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (alreadyCommitted + processed < inputs && System.nanoTime() < deadline) {
				processed += restarted.processBatch(Duration.ofMillis(200), ExactlyOncePipeline.BeforeCommit.NOTHING);
			}
		}
		return processed;
	}

	private static String readLine(BufferedReader lines) {
		try {
			return lines.readLine();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the kill left behind.
	 *
	 * @param committed records whose batches were committed before the kill
	 * @param inFlight records of the batch whose transaction was open
	 * @param visibleUncommitted output records a read_uncommitted reader saw just before
	 * the kill
	 * @param exitValue the worker's exit status (137: killed by SIGKILL)
	 */
	record Crash(int committed, int inFlight, int visibleUncommitted, int exitValue) {

	}

}
