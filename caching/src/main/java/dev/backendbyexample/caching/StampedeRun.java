package dev.backendbyexample.caching;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stampede: its readers arrive, and its loads are counted.
 */
final class StampedeRun {

	private final CountDownLatch arrivals;

	private final AtomicInteger loads = new AtomicInteger();

	StampedeRun(int readers) {
		this.arrivals = new CountDownLatch(readers);
	}

	void arrived() {
		this.arrivals.countDown();
	}

	/**
	 * Counts a load, and holds it until every reader has arrived (bounded: a reader that
	 * never comes must not hang the others).
	 */
	void loading() {
		this.loads.incrementAndGet();
		try {
			this.arrivals.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	int loads() {
		return this.loads.get();
	}

}
