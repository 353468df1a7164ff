package dev.backendbyexample.ratelimiting.web;

import java.util.List;

import dev.backendbyexample.ratelimiting.algorithm.RateLimiter;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.OnOutage;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A configured policy, ready to use: the paths it covers, its limiter and its outage
 * rule.
 *
 * @param name the policy's name, shown in the headers and metrics
 * @param paths the patterns it covers
 * @param limiter the limiter that counts
 * @param onOutage what to do when the limiter cannot answer
 */
record LimitedRoute(String name, List<PathPattern> paths, RateLimiter limiter, OnOutage onOutage) {

	boolean covers(PathContainer path) {
		return this.paths.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	/** {@code RateLimit-Policy}: {@code "name";q=<quota>;w=<window seconds>}. */
	String policyHeader() {
		long windowSeconds = Math.max(1, Math.ceilDiv(this.limiter.limit().window().toMillis(), 1000));
		return quotedName() + ";q=" + this.limiter.limit().permits() + ";w=" + windowSeconds;
	}

	/**
	 * The name as a structured-field string (RFC 9651): quoted, with {@code "} and
	 * {@code \} escaped, so an odd policy name cannot break the header's syntax.
	 */
	String quotedName() {
		return "\"" + this.name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
