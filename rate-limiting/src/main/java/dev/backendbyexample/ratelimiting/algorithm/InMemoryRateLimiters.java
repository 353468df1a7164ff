package dev.backendbyexample.ratelimiting.algorithm;

import java.time.InstantSource;

/**
 * Creates the in-memory limiter for an algorithm: fast, but each application instance
 * counts on its own.
 */
public final class InMemoryRateLimiters {

	private InMemoryRateLimiters() {
	}

	public static RateLimiter create(Algorithm algorithm, Limit limit, InstantSource clock) {
		return switch (algorithm) {
			case FIXED_WINDOW -> new FixedWindowCounter(limit, clock);
			case SLIDING_WINDOW_LOG -> new SlidingWindowLog(limit, clock);
			case SLIDING_WINDOW_COUNTER -> new SlidingWindowCounter(limit, clock);
			case TOKEN_BUCKET -> new TokenBucket(limit, clock);
			case LEAKY_BUCKET -> new LeakyBucket(limit, clock);
		};
	}

}
