package dev.backendbyexample.ratelimiting.web;

import java.util.List;

import dev.backendbyexample.ratelimiting.algorithm.Decision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the first policy whose paths match: adds the {@code RateLimit-Policy} and
 * {@code RateLimit} headers to every limited response, throws {@link RateLimitExceeded}
 * when the client is over its limit, and makes a leaky-bucket request wait its turn.
 */
class RateLimitInterceptor implements HandlerInterceptor {

	static final String POLICY_HEADER = "RateLimit-Policy";

	static final String LIMIT_HEADER = "RateLimit";

	private final List<LimitedRoute> routes;

	private final ClientIdentity identity;

	private final GuardedLimiter limiter;

	RateLimitInterceptor(List<LimitedRoute> routes, ClientIdentity identity, GuardedLimiter limiter) {
		this.routes = routes;
		this.identity = identity;
		this.limiter = limiter;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws InterruptedException {
		PathContainer path = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		for (LimitedRoute route : this.routes) {
			if (route.covers(path)) {
				apply(route, request, response);
				return true;
			}
		}
		return true;
	}

	private void apply(LimitedRoute route, HttpServletRequest request, HttpServletResponse response)
			throws InterruptedException {
		Decision decision = this.limiter.decide(route, this.identity.of(request));
		if (decision != null && !decision.allowed()) {
			throw new RateLimitExceeded(route, decision);
		}
		response.setHeader(POLICY_HEADER, route.policyHeader());
		if (decision == null) {
			return; // failed open: nothing is known about the remaining quota
		}
		response.setHeader(LIMIT_HEADER, limitHeader(route, decision));
		if (!decision.delay().isZero()) {
			// The leaky bucket's queue: this request holds its place by waiting. It
			// costs a servlet thread per queued request, which is why the queue is short.
			Thread.sleep(decision.delay());
		}
	}

	/**
	 * Lets the in-memory limiters forget idle clients; a no-op on Redis (keys expire).
	 */
	int evictIdle() {
		return this.routes.stream().mapToInt((route) -> route.limiter().evictIdle()).sum();
	}

	/** {@code RateLimit}: {@code "name";r=<remaining>;t=<seconds until reset>}. */
	static String limitHeader(LimitedRoute route, Decision decision) {
		return route.quotedName() + ";r=" + decision.remaining() + ";t=" + decision.resetAfterSeconds();
	}

}
