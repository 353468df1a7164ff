package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Duration;

/**
 * The outcome of one {@link RateLimiter#tryAcquire} call.
 *
 * @param allowed whether the permits were granted
 * @param remaining permits still available right now after this decision
 * @param resetAfter how long until the full allowance is back
 * @param retryAfter how long a rejected caller should wait before the same request can
 * succeed; zero when allowed
 * @param delay how long an admitted request waits in the queue before it is served (only
 * the leaky bucket queues; zero for the others)
 */
public record Decision(boolean allowed, long remaining, Duration resetAfter, Duration retryAfter, Duration delay) {

	static Decision allow(long remaining, long resetAfterMicros, long delayMicros) {
		return new Decision(true, remaining, micros(resetAfterMicros), Duration.ZERO, micros(delayMicros));
	}

	static Decision reject(long remaining, long resetAfterMicros, long retryAfterMicros) {
		return new Decision(false, remaining, micros(resetAfterMicros), micros(retryAfterMicros), Duration.ZERO);
	}

	/** Decodes what a Redis script returned: allowed, remaining, reset, retry, delay. */
	public static Decision fromMicros(long allowed, long remaining, long resetAfter, long retryAfter, long delay) {
		return new Decision(allowed == 1, remaining, micros(resetAfter), micros(retryAfter), micros(delay));
	}

	/**
	 * {@code Retry-After} wants whole seconds; rounding down would invite an early retry.
	 */
	public long retryAfterSeconds() {
		return ceilSeconds(this.retryAfter);
	}

	/** The {@code t} of the {@code RateLimit} header: whole seconds, rounded up. */
	public long resetAfterSeconds() {
		return ceilSeconds(this.resetAfter);
	}

	private static long ceilSeconds(Duration duration) {
		return Math.ceilDiv(duration.toNanos(), 1_000_000_000L);
	}

	private static Duration micros(long micros) {
		return (micros <= 0) ? Duration.ZERO : Duration.ofNanos(micros * 1000);
	}

}
