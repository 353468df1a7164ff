package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * An in-memory limiter whose per-key state is an immutable value swapped with
 * compare-and-set: no lock, so a descheduled thread never blocks the others.
 *
 * @param <S> the per-key state
 */
abstract class CasRateLimiter<S> implements RateLimiter {

	private final ConcurrentMap<String, AtomicReference<@Nullable S>> states = new ConcurrentHashMap<>();

	private final Limit limit;

	private final InstantSource clock;

	CasRateLimiter(Limit limit, InstantSource clock) {
		this.limit = limit;
		this.clock = clock;
	}

	@Override
	public Decision tryAcquire(String key, int permits) {
		this.limit.check(permits);
		AtomicReference<@Nullable S> state = stateOf(key);
		while (true) {
			S current = state.get();
			if (current == null) {
				// Evicted under our feet: the key starts afresh in a new entry.
				this.states.remove(key, state);
				state = stateOf(key);
				continue;
			}
			// The clock is read after the state, on every attempt. Read before, a thread
			// descheduled in between could decide at a time older than the state it then
			// replaces: a fixed window closed by others would reopen, a bucket's last
			// update would move back and refill twice. Read after, a winning
			// compare-and-set proves no decision landed in between, so "now" is never
			// older than the state.
			long now = micros(this.clock.instant());
			Step<S> step = decide(current, now, permits);
			// A lost race re-reads the winner's state and decides again: the sum of what
			// was granted can never exceed what one thread alone would grant.
			if (step.next() == current || state.compareAndSet(current, step.next())) {
				return step.decision();
			}
		}
	}

	private AtomicReference<@Nullable S> stateOf(String key) {
		AtomicReference<@Nullable S> state = this.states.get(key);
		return (state != null) ? state : this.states.computeIfAbsent(key, (k) -> new AtomicReference<>(initial()));
	}

	/**
	 * Forgets every key whose state is back at rest (as good as never seen), so idle
	 * clients cost no memory. The entry is first set to {@code null} with
	 * compare-and-set, so a decision racing with the eviction sees it and starts a fresh
	 * entry instead of counting on one that is no longer in the map.
	 */
	@Override
	public int evictIdle() {
		long now = micros(this.clock.instant());
		int evicted = 0;
		for (Map.Entry<String, AtomicReference<@Nullable S>> entry : this.states.entrySet()) {
			S current = entry.getValue().get();
			if (current != null && atRest(current, now) && entry.getValue().compareAndSet(current, null)) {
				this.states.remove(entry.getKey(), entry.getValue());
				evicted++;
			}
		}
		return evicted;
	}

	/** Whether the state at {@code now} is the same as a key never seen. */
	abstract boolean atRest(S state, long now);

	/** The state of a key never seen before. */
	abstract S initial();

	/**
	 * Pure: the next state and the decision, for a request at {@code now} microseconds.
	 */
	abstract Step<S> decide(S state, long now, int permits);

	@Override
	public Limit limit() {
		return this.limit;
	}

	static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

	/** The next state and the decision that goes with it. */
	record Step<S>(S next, Decision decision) {

	}

}
