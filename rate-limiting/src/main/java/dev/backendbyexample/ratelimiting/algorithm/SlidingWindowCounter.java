package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;

/**
 * Sliding window counter: the current window's count plus the previous window's count
 * weighted by how much of it still overlaps the last {@code window}. Two numbers per key,
 * close to the exact log. All arithmetic is on integers scaled by the window size, so
 * Java and {@code scripts/sliding_window_counter.lua} agree to the microsecond.
 */
final class SlidingWindowCounter extends CasRateLimiter<SlidingWindowCounter.State> {

	SlidingWindowCounter(Limit limit, InstantSource clock) {
		super(limit, clock);
	}

	@Override
	State initial() {
		return new State(-1, 0, 0);
	}

	@Override
	Step<State> decide(State state, long now, int permits) {
		// exercise:begin sliding-window-counter
		long size = limit().windowMicros();
		long limit = limit().permits();
		long window = now / size;
		long previous = (state.window() == window) ? state.previous()
				: (state.window() == window - 1) ? state.current() : 0;
		long current = (state.window() == window) ? state.current() : 0;
		long elapsed = now - window * size;
		// weighted count x size = previous x (size - elapsed) + current x size
		long used = previous * (size - elapsed) + current * size;
		if (used + permits * size <= limit * size) {
			long after = used + permits * size;
			return new Step<>(new State(window, previous, current + permits), Decision
				.allow((limit * size - after) / size, resetAfter(previous, current + permits, elapsed, size), 0));
		}
		long retryAfter = retryAfter(previous, current, permits, elapsed, size);
		// Rejected: the state is left as it is, as the script leaves the key; read at any
		// later time it still yields these counts.
		return new Step<>(state, Decision.reject(Math.max(0, (limit * size - used) / size),
				resetAfter(previous, current, elapsed, size), retryAfter));
		// exercise:end sliding-window-counter
	}

	/**
	 * Until the estimate falls to zero: the current count still weighs in the next
	 * window.
	 */
	private static long resetAfter(long previous, long current, long elapsed, long size) {
		// exercise:begin sliding-window-counter
		if (current > 0) {
			return size - elapsed + size;
		}
		return (previous > 0) ? size - elapsed : 0;
		// exercise:end sliding-window-counter
	}

	/**
	 * Solves previous x (size - e) + (current + permits) x size <= limit x size for the
	 * earliest elapsed time e, in this window if the current count leaves room, else in
	 * the next one (where today's current becomes the previous).
	 */
	private long retryAfter(long previous, long current, int permits, long elapsed, long size) {
		// exercise:begin sliding-window-counter
		long limit = limit().permits();
		long room = limit - current - permits;
		if (room >= 0) {
			long earliest = size - (room * size) / previous;
			return Math.max(1, earliest - elapsed);
		}
		long earliestNext = size - ((limit - permits) * size) / current;
		return size - elapsed + earliestNext;
		// exercise:end sliding-window-counter
	}

	@Override
	boolean atRest(State state, long now) {
		return state.window() < now / limit().windowMicros() - 1;
	}

	@Override
	public Algorithm algorithm() {
		return Algorithm.SLIDING_WINDOW_COUNTER;
	}

	record State(long window, long previous, long current) {

	}

}
