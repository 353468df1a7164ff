package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;

/**
 * Leaky bucket as a queue: requests join a queue of {@code permits} places that drains at
 * {@code permits} per {@code window}. A request that fits is admitted with the delay its
 * place in the queue implies (the caller waits that long, so the output is smooth); one
 * that does not fit is rejected. The queue is kept as a water level in
 * 1/window-microsecond units, as in {@code scripts/leaky_bucket.lua}.
 */
final class LeakyBucket extends CasRateLimiter<LeakyBucket.State> {

	LeakyBucket(Limit limit, InstantSource clock) {
		super(limit, clock);
	}

	@Override
	State initial() {
		return new State(0, 0);
	}

	@Override
	Step<State> decide(State state, long now, int permits) {
		long size = limit().windowMicros();
		long rate = limit().permits();
		long capacity = rate * size;
		long elapsed = Math.max(0, now - state.updated());
		long water = (elapsed >= size) ? 0 : Math.max(0, state.water() - elapsed * rate);
		long cost = permits * size;
		if (water + cost <= capacity) {
			long after = water + cost;
			// Served once everything ahead of it has drained.
			long delay = Math.ceilDiv(water, rate);
			return new Step<>(new State(after, now),
					Decision.allow((capacity - after) / size, Math.ceilDiv(after, rate), delay));
		}
		// Rejected: the state is left as it is, as the script leaves the key. The level
		// drains linearly, so the old level and time still yield this level now, and a
		// hot key's rejections cost no compare-and-set.
		return new Step<>(state, Decision.reject((capacity - water) / size, Math.ceilDiv(water, rate),
				Math.ceilDiv(water + cost - capacity, rate)));
	}

	@Override
	boolean atRest(State state, long now) {
		long elapsed = now - state.updated();
		return elapsed >= limit().windowMicros() || state.water() - elapsed * limit().permits() <= 0;
	}

	@Override
	public Algorithm algorithm() {
		return Algorithm.LEAKY_BUCKET;
	}

	record State(long water, long updated) {

	}

}
