package dev.backendbyexample.security.jwt;

import java.time.Duration;

/**
 * Thrown when an account or an address has used up its login attempts for the window.
 */
class TooManyLoginAttempts extends RuntimeException {

	private final Duration retryAfter;

	TooManyLoginAttempts(Duration retryAfter) {
		super("Too many login attempts; try again later.");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds, rounded up: a client that waits that long is admitted. */
	long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
