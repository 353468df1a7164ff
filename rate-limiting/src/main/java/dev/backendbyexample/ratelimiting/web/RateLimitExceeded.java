package dev.backendbyexample.ratelimiting.web;

import dev.backendbyexample.ratelimiting.algorithm.Decision;

/**
 * A client asked for more than its policy allows; the web edge answers 429.
 */
class RateLimitExceeded extends RuntimeException {

	private final LimitedRoute route;

	private final Decision decision;

	RateLimitExceeded(LimitedRoute route, Decision decision) {
		super("Rate limit of policy '" + route.name() + "' exceeded");
		this.route = route;
		this.decision = decision;
	}

	LimitedRoute route() {
		return this.route;
	}

	Decision decision() {
		return this.decision;
	}

}
