package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory limiter whose per-key state is an immutable value swapped with
 * compare-and-set: no lock, so a descheduled thread never blocks the others.
 *
 * @param <S> the per-key state
 */
abstract class CasRateLimiter<S> implements RateLimiter {

	private final ConcurrentMap<String, AtomicReference<S>> states = new ConcurrentHashMap<>();

	private final Limit limit;

	private final InstantSource clock;

	CasRateLimiter(Limit limit, InstantSource clock) {
		this.limit = limit;
		this.clock = clock;
	}

	@Override
	public Decision tryAcquire(String key, int permits) {
		this.limit.check(permits);
		AtomicReference<S> state = stateOf(key);
		long now = micros(this.clock.instant());
		while (true) {
			S current = state.get();
			Step<S> step = decide(current, now, permits);
			// A lost race re-reads the winner's state and decides again: the sum of what
			// was granted can never exceed what one thread alone would grant.
			if (step.next() == current || state.compareAndSet(current, step.next())) {
				return step.decision();
			}
		}
	}

	private AtomicReference<S> stateOf(String key) {
		AtomicReference<S> state = this.states.get(key);
		return (state != null) ? state : this.states.computeIfAbsent(key, (k) -> new AtomicReference<>(initial()));
	}

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
