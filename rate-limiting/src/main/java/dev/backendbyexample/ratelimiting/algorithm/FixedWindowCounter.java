package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;

/**
 * Fixed window counter: one counter per calendar window ({@code now / window}), reset
 * when the next window starts. Mirrors {@code scripts/fixed_window.lua}.
 */
final class FixedWindowCounter extends CasRateLimiter<FixedWindowCounter.State> {

	FixedWindowCounter(Limit limit, InstantSource clock) {
		super(limit, clock);
	}

	@Override
	State initial() {
		return new State(-1, 0);
	}

	@Override
	Step<State> decide(State state, long now, int permits) {
		long size = limit().windowMicros();
		long window = now / size;
		long count = (state.window() == window) ? state.count() : 0;
		long resetAfter = (window + 1) * size - now;
		if (count + permits <= limit().permits()) {
			return new Step<>(new State(window, count + permits),
					Decision.allow(limit().permits() - count - permits, resetAfter, 0));
		}
		// Nothing frees up before the window ends, however few permits were asked for.
		return new Step<>(state, Decision.reject(limit().permits() - count, resetAfter, resetAfter));
	}

	@Override
	boolean atRest(State state, long now) {
		return state.window() != now / limit().windowMicros();
	}

	@Override
	public Algorithm algorithm() {
		return Algorithm.FIXED_WINDOW;
	}

	record State(long window, long count) {

	}

}
