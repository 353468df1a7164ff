package dev.backendbyexample.ratelimiting.web;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the limiter's refusals into RFC 9457 problems: 429 over the limit, 503 when the
 * limiter is down and the policy fails closed, both with {@code Retry-After} in whole
 * seconds, rounded up.
 */
@RestControllerAdvice
class RateLimitProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyRequests(RateLimitExceeded ex) {
		long retryAfter = Math.max(1, ex.decision().retryAfterSeconds());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Rate limit of policy '" + ex.route().name() + "' exceeded; retry in " + retryAfter + " s.");
		problem.setType(URI.create("https://backendbyexample.dev/problems/rate-limited"));
		problem.setTitle("Too Many Requests");
		problem.setProperty("policy", ex.route().name());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
			.header(RateLimitInterceptor.POLICY_HEADER, ex.route().policyHeader())
			.header(RateLimitInterceptor.LIMIT_HEADER, RateLimitInterceptor.limitHeader(ex.route(), ex.decision()))
			.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> serviceUnavailable(RateLimiterUnavailable ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The rate limiter of policy '" + ex.route().name() + "' is unavailable and the policy fails closed.");
		problem.setType(URI.create("https://backendbyexample.dev/problems/rate-limiter-unavailable"));
		problem.setProperty("policy", ex.route().name());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.header(RateLimitInterceptor.POLICY_HEADER, ex.route().policyHeader())
			.body(problem);
	}

}
