package dev.backendbyexample.caching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.stereotype.Service;

/**
 * Runs a stampede: many concurrent readers of one cold key, in this instance, and counts
 * how many of them reached the database.
 */
@Service
class Stampedes {

	private final StampedeReads reads;

	private final TwoLevelCacheManager caches;

	Stampedes(StampedeReads reads, TwoLevelCacheManager caches) {
		this.reads = reads;
		this.caches = caches;
	}

	/** Evicts the key everywhere, then lets the readers loose on it. */
	StampedeResult coldRun(long productId, int readers, Protection protection) {
		this.caches.twoLevel(protection.cache()).evict(productId);
		return run(productId, readers, protection);
	}

	/**
	 * Lets the readers loose on the key as it is (the two-instance test evicts it once,
	 * then runs this on both instances at the same time).
	 */
	StampedeResult run(long productId, int readers, Protection protection) {
		StampedeRun run = new StampedeRun(readers);
		List<Future<?>> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < readers; i++) {
				results.add(threads.submit(() -> {
					run.arrived();
					return switch (protection) {
						case NONE -> this.reads.unprotected(productId, run);
						case PER_INSTANCE -> this.reads.perInstance(productId, run);
						case FLEET -> this.reads.fleet(productId, run);
					};
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A reader failed", ex.getCause());
		}
		return new StampedeResult(productId, readers, protection, run.loads());
	}

}
