package dev.backendbyexample.transactions;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs the live page's load: concurrent transfers between a few hot accounts opened for
 * the run, through the same {@link TransferService} as {@code POST /transfers}.
 * <p>
 * The server drives the load, not the browser: a browser opens about six connections per
 * host, so it could never keep sixteen transfers in flight. To stay safe to leave on, a
 * run is bounded (at most {@value LoadRunRequest#MAX_CONCURRENCY} threads,
 * {@value LoadRunRequest#MAX_TRANSFERS} transfers and {@value LoadRunRequest#MAX_SECONDS}
 * seconds), only one runs at a time, and only the last {@value #KEPT} are remembered.
 */
@Service
class LoadRuns implements DisposableBean {

	/** Each hot account opens with 100.00. */
	static final long OPENING_BALANCE = 10_000;

	/** Transfers move 0.01 to 10.00, as in the demo: most are covered, some overdraw. */
	static final long MAX_AMOUNT = 1_000;

	static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

	static final int KEPT = 10;

	private static final Log logger = LogFactory.getLog(LoadRuns.class);

	private final AccountService accountService;

	private final Accounts accounts;

	private final TransferService transfers;

	private final MeterRegistry meters;

	private final ScheduledExecutorService sampler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("load-run-sampler").daemon().factory());

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, LoadRun> runs = new LinkedHashMap<>();

	private @Nullable ExecutorService workers;

	LoadRuns(AccountService accountService, Accounts accounts, TransferService transfers, MeterRegistry meters) {
		this.accountService = accountService;
		this.accounts = accounts;
		this.transfers = transfers;
		this.meters = meters;
	}

	/**
	 * Opens the run's accounts and starts its transfers; returns at once.
	 * @throws LoadRunInProgress if another run has not finished yet
	 */
	synchronized LoadRun start(LoadRun.Plan plan) {
		LoadRun current = running();
		if (current != null) {
			throw new LoadRunInProgress(current.id());
		}
		long id = this.ids.incrementAndGet();
		List<Long> hot = IntStream.range(0, plan.accounts())
			.mapToObj((i) -> this.accountService.open("load-run-" + id + "-" + (i + 1), OPENING_BALANCE).id())
			.toList();
		LoadRun run = new LoadRun(id, plan, hot, OPENING_BALANCE * plan.accounts());
		remember(run);
		Counter retries = this.meters.counter("transfers.retries", "strategy", plan.strategy().slug());
		double retriesBefore = retries.count();
		long began = System.nanoTime();
		long deadline = began + TimeUnit.SECONDS.toNanos(plan.seconds());
		Runnable sample = () -> sample(run, began, retries, retriesBefore);
		ScheduledFuture<?> sampling = this.sampler.scheduleAtFixedRate(sample, 0, SAMPLE_EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
		// The last worker out takes the final sample, on the sampler's thread like every
		// other.
		AtomicInteger working = new AtomicInteger(plan.concurrency());
		Runnable lastOut = () -> {
			try {
				this.sampler.execute(() -> {
					sampling.cancel(false);
					sample.run();
					run.finish();
				});
			}
			catch (RejectedExecutionException ex) {
				// The application is stopping: nobody is left to tell.
			}
		};
		ExecutorService pool = Executors.newFixedThreadPool(plan.concurrency(),
				Thread.ofPlatform().name("load-run-" + id + "-", 1).daemon().factory());
		for (int i = 0; i < plan.concurrency(); i++) {
			pool.execute(() -> {
				try {
					work(run, deadline);
				}
				finally {
					if (working.decrementAndGet() == 0) {
						lastOut.run();
					}
				}
			});
		}
		pool.shutdown();
		this.workers = pool;
		return run;
	}

	synchronized LoadRun find(long id) {
		LoadRun run = this.runs.get(id);
		if (run == null) {
			throw new LoadRunNotFound(id);
		}
		return run;
	}

	private @Nullable LoadRun running() {
		return this.runs.values().stream().filter(LoadRun::running).findFirst().orElse(null);
	}

	private void remember(LoadRun run) {
		this.runs.put(run.id(), run);
		Iterator<LoadRun> oldestFirst = this.runs.values().iterator();
		while (this.runs.size() > KEPT && oldestFirst.hasNext()) {
			if (!oldestFirst.next().running()) {
				oldestFirst.remove();
			}
		}
	}

	private void work(LoadRun run, long deadline) {
		Strategy strategy = run.plan().strategy();
		while (System.nanoTime() < deadline && run.remaining.getAndDecrement() > 0
				&& !Thread.currentThread().isInterrupted()) {
			TransferCommand command = randomTransfer(run.accounts());
			try {
				this.transfers.transfer(command, strategy);
				run.accepted.incrementAndGet();
			}
			catch (InsufficientFunds ex) {
				run.rejected.incrementAndGet();
			}
			catch (RetriesExhausted ex) {
				run.conflicted.incrementAndGet();
			}
			catch (RuntimeException ex) {
				if (run.failed.incrementAndGet() == 1) {
					logger.warn("Load run " + run.id() + ": a " + strategy.slug() + " transfer failed", ex);
				}
			}
		}
	}

	private static TransferCommand randomTransfer(List<Long> accounts) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int from = random.nextInt(accounts.size());
		int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
		return new TransferCommand(accounts.get(from), accounts.get(to), 1 + random.nextLong(MAX_AMOUNT));
	}

	private void sample(LoadRun run, long began, Counter retries, double retriesBefore) {
		try {
			// Counters first, balances second: the balances may show a transfer the
			// counters miss, never the other way round.
			int accepted = run.accepted.get();
			int rejected = run.rejected.get();
			int conflicted = run.conflicted.get();
			int failed = run.failed.get();
			List<Long> balances = this.accounts.balances(run.accounts());
			long total = balances.stream().mapToLong(Long::longValue).sum();
			run.publish(new LoadRun.Sample(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
					accepted + rejected + conflicted + failed, accepted, rejected, conflicted, failed,
					Math.round(retries.count() - retriesBefore), total, balances));
		}
		catch (RuntimeException ex) {
			// A periodic task that throws is never run again: log, skip this sample.
			logger.warn("Load run " + run.id() + ": could not take a sample", ex);
		}
	}

	/**
	 * Stops a run still going when the application stops: no new transfer starts, the
	 * ones in flight may finish (a thread interrupted inside JDBC breaks its connection).
	 */
	@Override
	public synchronized void destroy() throws InterruptedException {
		this.runs.values().forEach((run) -> run.remaining.set(0));
		if (this.workers != null) {
			this.workers.shutdown();
			if (!this.workers.awaitTermination(10, TimeUnit.SECONDS)) {
				this.workers.shutdownNow();
			}
		}
		this.sampler.shutdownNow();
	}

}
