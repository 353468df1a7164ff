package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;

/**
 * Token bucket: holds up to {@code permits} tokens, refills {@code permits} per
 * {@code window} continuously, and a request takes its tokens or is rejected. A full
 * bucket lets a burst through at once. Tokens are counted in 1/window-microsecond units
 * so the refill is exact integer arithmetic, as in {@code scripts/token_bucket.lua}.
 */
final class TokenBucket extends CasRateLimiter<TokenBucket.State> {

	TokenBucket(Limit limit, InstantSource clock) {
		super(limit, clock);
	}

	@Override
	State initial() {
		return new State(limit().permits() * limit().windowMicros(), 0);
	}

	@Override
	Step<State> decide(State state, long now, int permits) {
		long size = limit().windowMicros();
		long rate = limit().permits();
		long capacity = rate * size;
		long elapsed = Math.max(0, now - state.updated());
		// After a whole window the bucket is full whatever it held; also keeps the
		// product below overflow after a long idle time.
		long tokens = (elapsed >= size) ? capacity : Math.min(capacity, state.tokens() + elapsed * rate);
		long cost = permits * size;
		if (tokens >= cost) {
			long left = tokens - cost;
			return new Step<>(new State(left, now),
					Decision.allow(left / size, Math.ceilDiv(capacity - left, rate), 0));
		}
		// Rejected: the state is left as it is (no write, no compare-and-set); it still
		// yields these tokens now.
		return new Step<>(state, Decision.reject(tokens / size, Math.ceilDiv(capacity - tokens, rate),
				Math.ceilDiv(cost - tokens, rate)));
	}

	@Override
	boolean atRest(State state, long now) {
		long elapsed = now - state.updated();
		return elapsed >= limit().windowMicros()
				|| state.tokens() + elapsed * limit().permits() >= limit().permits() * limit().windowMicros();
	}

	@Override
	public Algorithm algorithm() {
		return Algorithm.TOKEN_BUCKET;
	}

	record State(long tokens, long updated) {

	}

}
