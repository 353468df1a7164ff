package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Duration;

/**
 * A rate: {@code permits} per {@code window}. For the buckets, {@code permits} is also
 * the capacity (the largest burst or the longest queue).
 *
 * @param permits how many per window, at least one
 * @param window the window, at least one microsecond
 */
public record Limit(long permits, Duration window) {

	/**
	 * Lua numbers are doubles: integers are exact only up to 2^53, and the scripts
	 * multiply permits by the window in microseconds.
	 */
	static final long LARGEST_EXACT_PRODUCT = 1L << 53;

	public Limit {
		if (permits < 1) {
			throw new IllegalArgumentException("permits must be at least 1, was " + permits);
		}
		if (window.toNanos() < 1000) {
			throw new IllegalArgumentException("window must be at least 1 microsecond, was " + window);
		}
		if (Math.multiplyHigh(permits, window.toNanos() / 1000) != 0
				|| permits * (window.toNanos() / 1000) >= LARGEST_EXACT_PRODUCT) {
			throw new IllegalArgumentException("permits x window (in microseconds) must stay below 2^53");
		}
	}

	public static Limit of(long permits, Duration window) {
		return new Limit(permits, window);
	}

	public long windowMicros() {
		return this.window.toNanos() / 1000;
	}

	/**
	 * Asking for fewer than one or more than the limit is a caller's mistake, not a
	 * rejection: no amount of waiting would make it succeed.
	 */
	public void check(int requested) {
		if (requested < 1 || requested > this.permits) {
			throw new IllegalArgumentException(
					"permits must be between 1 and the limit " + this.permits + ", was " + requested);
		}
	}

	@Override
	public String toString() {
		return this.permits + " per " + this.window;
	}

}
