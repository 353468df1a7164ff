package dev.backendbyexample.ratelimiting.web;

import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Translates the limiter's refusals, once, at the web edge, into RFC 9457 Problem
 * Details: 429 over the limit, 503 when the limiter is down and the policy fails closed,
 * both with {@code Retry-After} in whole seconds, rounded up. The base class does the
 * same for Spring MVC's own exceptions (404, 405, 406, 415, unreadable body). No stack
 * trace ever reaches a client. A 400 about the body names the offending fields as JSON
 * pointers in {@code errors}; container-level refusals are answered by
 * {@link TomcatErrorReport} and {@link ErrorPageController} in the same format.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyRequests(RateLimitExceeded ex) {
		long retryAfter = Math.max(1, ex.decision().retryAfterSeconds());
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too Many Requests",
				"Rate limit of policy '" + ex.route().name() + "' exceeded; retry in " + retryAfter + " s.");
		problem.setProperty("policy", ex.route().name());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
			.header(RateLimitInterceptor.POLICY_HEADER, ex.route().policyHeader())
			.header(RateLimitInterceptor.LIMIT_HEADER, RateLimitInterceptor.limitHeader(ex.route(), ex.decision()))
			.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> serviceUnavailable(RateLimiterUnavailable ex) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "rate-limiter-unavailable",
				"Rate limiter unavailable",
				"The rate limiter of policy '" + ex.route().name() + "' is unavailable and the policy fails closed.");
		problem.setProperty("policy", ex.route().name());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.header(RateLimitInterceptor.POLICY_HEADER, ex.route().policyHeader())
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail requestBodyTooLarge(RequestBodyLimit.TooLarge ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	/** Malformed JSON, a wrongly typed value, an unknown property: 400 naming it. */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (NestedExceptionUtils.getMostSpecificCause(ex) instanceof RequestBodyLimit.TooLarge tooLarge) {
			// Thrown while Jackson read a value, and wrapped by it.
			return handleExceptionInternal(ex, requestBodyTooLarge(tooLarge), headers, HttpStatus.CONTENT_TOO_LARGE,
					request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request body is not the JSON expected.");
		if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			problem.setProperty("errors", List.of(InvalidField.of(json)));
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** Bean Validation failures: 400 with every offending field. */
	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request body breaks its constraints.");
		problem.setProperty("errors", ex.getFieldErrors().stream().map(InvalidField::of).toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** The same, when the method also validates a query parameter or a header. */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request breaks its constraints.");
		problem.setProperty("errors",
				ex.getParameterValidationResults()
					.stream()
					.flatMap((result) -> InvalidField.of(result).stream())
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A path variable or query parameter of the wrong type: 400 naming it. */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "A parameter has the wrong type.");
		problem.setProperty("errors", List.of(InvalidField.of(ex)));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** Anything else: logged here with its stack trace, answered without it. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The server failed to handle the request.");
		problem.setTitle("Internal error");
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://backendbyexample.dev/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
