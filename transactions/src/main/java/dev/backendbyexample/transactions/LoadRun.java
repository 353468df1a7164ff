package dev.backendbyexample.transactions;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One bounded run of concurrent transfers between a few hot accounts, and what it has
 * measured so far: a {@link Sample} every few hundred milliseconds, each read in one
 * statement, so the total of the balances it shows is never caught half-way through a
 * transfer. Samples are taken, and sent to the page's event streams, on one thread only.
 */
final class LoadRun {

	enum Status {

		RUNNING, FINISHED

	}

	private final long id;

	private final Plan plan;

	private final List<Long> accounts;

	private final long startTotal;

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();

	final AtomicInteger remaining;

	final AtomicInteger accepted = new AtomicInteger();

	final AtomicInteger rejected = new AtomicInteger();

	final AtomicInteger conflicted = new AtomicInteger();

	final AtomicInteger failed = new AtomicInteger();

	private volatile Status status = Status.RUNNING;

	LoadRun(long id, Plan plan, List<Long> accounts, long startTotal) {
		this.id = id;
		this.plan = plan;
		this.accounts = List.copyOf(accounts);
		this.startTotal = startTotal;
		this.remaining = new AtomicInteger(plan.transfers());
	}

	long id() {
		return this.id;
	}

	Plan plan() {
		return this.plan;
	}

	List<Long> accounts() {
		return this.accounts;
	}

	boolean running() {
		return this.status == Status.RUNNING;
	}

	/** Records a sample and sends it to every open event stream. */
	synchronized void publish(Sample sample) {
		this.samples.add(sample);
		this.subscribers.forEach((subscriber) -> send(subscriber, SseEmitter.event().name("sample").data(sample)));
	}

	/** Marks the run finished and ends every event stream with a {@code done} event. */
	synchronized void finish() {
		this.status = Status.FINISHED;
		Snapshot summary = snapshot(false);
		this.subscribers.forEach((subscriber) -> {
			send(subscriber, SseEmitter.event().name("done").data(summary));
			subscriber.complete();
		});
		this.subscribers.clear();
	}

	/**
	 * Replays the samples so far to a new event stream, then keeps it posted; a finished
	 * run's stream gets everything at once and ends.
	 */
	synchronized void subscribe(SseEmitter subscriber) {
		this.samples.forEach((sample) -> send(subscriber, SseEmitter.event().name("sample").data(sample)));
		if (running()) {
			Runnable forget = () -> this.subscribers.remove(subscriber);
			subscriber.onCompletion(forget);
			subscriber.onTimeout(forget);
			subscriber.onError((ex) -> forget.run());
			this.subscribers.add(subscriber);
		}
		else {
			send(subscriber, SseEmitter.event().name("done").data(snapshot(false)));
			subscriber.complete();
		}
	}

	Snapshot snapshot(boolean withSamples) {
		return new Snapshot(this.id, this.plan.strategy().slug(), this.plan.concurrency(), this.plan.transfers(),
				this.plan.accounts(), this.plan.seconds(), this.status.name().toLowerCase(Locale.ROOT), this.accounts,
				this.startTotal, withSamples ? List.copyOf(this.samples) : List.of(),
				this.samples.isEmpty() ? null : this.samples.get(this.samples.size() - 1));
	}

	private void send(SseEmitter subscriber, SseEmitter.SseEventBuilder event) {
		try {
			subscriber.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The page went away: forget it, the run goes on.
			this.subscribers.remove(subscriber);
		}
	}

	/**
	 * What to run.
	 *
	 * @param strategy the strategy of every transfer
	 * @param concurrency transfers in flight at once
	 * @param transfers transfers in all
	 * @param accounts hot accounts, opened for this run
	 * @param seconds the time limit
	 */
	record Plan(Strategy strategy, int concurrency, int transfers, int accounts, int seconds) {
	}

	/**
	 * What the run had done at one moment.
	 *
	 * @param elapsedMillis since the run started
	 * @param completed transfers answered, whatever the answer
	 * @param accepted transfers that moved money
	 * @param rejected refused for insufficient funds (a 422 over HTTP)
	 * @param conflicted refused because a retrying strategy ran out of attempts (a 409)
	 * @param failed ended by anything else (a 500)
	 * @param retries attempts the retrying strategies started again after a conflict
	 * @param total the sum of the run's balances, read in one statement
	 * @param balances each account's balance, in account id order
	 */
	record Sample(long elapsedMillis, int completed, int accepted, int rejected, int conflicted, int failed,
			long retries, long total, List<Long> balances) {
	}

	/**
	 * A run as {@code GET /load-runs/{id}} shows it.
	 *
	 * @param id the run's id
	 * @param strategy the strategy slug
	 * @param concurrency transfers in flight at once
	 * @param transfers transfers asked for
	 * @param accounts how many hot accounts
	 * @param seconds the time limit
	 * @param status {@code running} or {@code finished}
	 * @param accountIds the hot accounts, readable at {@code /accounts/{id}}
	 * @param startTotal the sum of their opening balances: what a correct strategy keeps
	 * @param samples every sample so far (empty in the {@code done} event)
	 * @param last the latest sample; left out until the first one is taken (an absent
	 * property, which the OpenAPI document can describe, rather than a null it would have
	 * to allow)
	 */
	record Snapshot(long id, String strategy, int concurrency, int transfers, int accounts, int seconds, String status,
			List<Long> accountIds, long startTotal, List<Sample> samples,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Sample last) {
	}

}
