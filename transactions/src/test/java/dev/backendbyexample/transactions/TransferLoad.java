package dev.backendbyexample.transactions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires random transfers among a few accounts from many threads at once, and tallies what
 * came back. Used by the invariant tests (through the service), the demo and the
 * benchmark (through HTTP).
 */
final class TransferLoad {

	private TransferLoad() {
	}

	/**
	 * Runs {@code transfers} transfers (or, with a duration, as many as fit) on
	 * {@code threads} threads, all released at once.
	 */
	static Tally run(int threads, int transfers, Duration duration, List<Long> accounts, long maxAmount,
			Attempt attempt) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger remaining = new AtomicInteger(transfers);
		Tally tally = new Tally();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicLong deadline = new AtomicLong();
		for (int i = 0; i < threads; i++) {
			pool.execute(() -> {
				try {
					start.await();
					while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline.get()) {
						tally.record(attempt, randomTransfer(accounts, maxAmount));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		long began = System.nanoTime();
		deadline.set(began + duration.toNanos());
		start.countDown();
		pool.shutdown();
		if (!pool.awaitTermination(duration.plusMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
			pool.shutdownNow();
			throw new IllegalStateException("transfers still running after " + duration.plusMinutes(5));
		}
		tally.elapsedNanos = System.nanoTime() - began;
		return tally;
	}

	static Tally run(int threads, int transfers, List<Long> accounts, long maxAmount, Attempt attempt)
			throws InterruptedException {
		return run(threads, transfers, Duration.ofDays(1), accounts, maxAmount, attempt);
	}

	private static TransferCommand randomTransfer(List<Long> accounts, long maxAmount) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int from = random.nextInt(accounts.size());
		int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
		return new TransferCommand(accounts.get(from), accounts.get(to), 1 + random.nextLong(maxAmount));
	}

	/** One transfer, however it is sent; says how it ended. */
	@FunctionalInterface
	interface Attempt {

		Verdict attempt(TransferCommand command) throws Exception;

	}

	/**
	 * How one transfer ended.
	 *
	 * @param kind accepted, rejected (insufficient funds), conflicted (retries exhausted)
	 * or failed
	 * @param transferId the ledger id of an accepted transfer, else 0
	 */
	record Verdict(Kind kind, long transferId) {

		static Verdict accepted(long transferId) {
			return new Verdict(Kind.ACCEPTED, transferId);
		}

		static Verdict of(Kind kind) {
			return new Verdict(kind, 0);
		}

	}

	enum Kind {

		ACCEPTED, REJECTED, CONFLICTED, FAILED

	}

	/** What a run produced. */
	static final class Tally {

		private final ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();

		private final AtomicInteger rejected = new AtomicInteger();

		private final AtomicInteger conflicted = new AtomicInteger();

		private long elapsedNanos;

		private void record(Attempt attempt, TransferCommand command) {
			long began = System.nanoTime();
			try {
				Verdict verdict = attempt.attempt(command);
				switch (verdict.kind()) {
					case ACCEPTED -> this.accepted.add(verdict.transferId());
					case REJECTED -> this.rejected.incrementAndGet();
					case CONFLICTED -> this.conflicted.incrementAndGet();
					case FAILED -> this.failures.add(new IllegalStateException("transfer failed: " + command));
				}
			}
			catch (Exception ex) {
				this.failures.add(ex);
			}
			this.latencies.add(System.nanoTime() - began);
		}

		List<Long> acceptedIds() {
			return List.copyOf(this.accepted);
		}

		int attempts() {
			return this.latencies.size();
		}

		int rejected() {
			return this.rejected.get();
		}

		int conflicted() {
			return this.conflicted.get();
		}

		List<Exception> failures() {
			return List.copyOf(this.failures);
		}

		Duration elapsed() {
			return Duration.ofNanos(this.elapsedNanos);
		}

		/** Completed transfers (whatever their verdict) per second. */
		double throughput() {
			return attempts() / (this.elapsedNanos / 1e9);
		}

		/** The latency below which the given share of transfers finished, in ms. */
		double percentileMillis(double share) {
			long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1);
			return sorted[Math.max(0, index)] / 1e6;
		}

		@Override
		public String toString() {
			return "attempts " + attempts() + ", accepted " + this.accepted.size() + ", rejected " + rejected()
					+ ", conflicted " + conflicted() + ", failed " + this.failures.size() + " in "
					+ elapsed().toMillis() + " ms"
					+ (this.failures.isEmpty() ? "" : ", first failure " + this.failures.peek());
		}

	}

}
