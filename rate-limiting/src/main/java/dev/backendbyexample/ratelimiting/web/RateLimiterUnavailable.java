package dev.backendbyexample.ratelimiting.web;

import java.time.Duration;

/**
 * Redis could not answer and the policy fails closed; the web edge answers 503.
 */
class RateLimiterUnavailable extends RuntimeException {

	private final LimitedRoute route;

	private final Duration retryAfter;

	RateLimiterUnavailable(LimitedRoute route, Duration retryAfter, Throwable cause) {
		super("Rate limiter of policy '" + route.name() + "' is unavailable", cause);
		this.route = route;
		this.retryAfter = retryAfter;
	}

	LimitedRoute route() {
		return this.route;
	}

	long retryAfterSeconds() {
		return Math.max(1, Math.ceilDiv(this.retryAfter.toMillis(), 1000));
	}

}
