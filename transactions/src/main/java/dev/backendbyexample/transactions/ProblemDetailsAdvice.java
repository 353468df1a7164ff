package dev.backendbyexample.transactions;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Translates the domain's exceptions, once, at the web edge, into RFC 9457 Problem
 * Details; the base class does the same for Spring MVC's own (validation, unreadable
 * body). No stack trace ever reaches a client.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail accountNotFound(AccountNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", ex);
	}

	@ExceptionHandler
	ProblemDetail transferNotFound(TransferNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "transfer-not-found", "Transfer not found", ex);
	}

	@ExceptionHandler
	ProblemDetail insufficientFunds(InsufficientFunds ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient-funds", "Insufficient funds", ex);
	}

	@ExceptionHandler
	ProblemDetail loadRunNotFound(LoadRunNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "load-run-not-found", "Load run not found", ex);
	}

	@ExceptionHandler
	ProblemDetail loadRunInProgress(LoadRunInProgress ex) {
		return problem(HttpStatus.CONFLICT, "load-run-in-progress", "A load run is in progress", ex);
	}

	@ExceptionHandler
	ProblemDetail retriesExhausted(RetriesExhausted ex) {
		return problem(HttpStatus.CONFLICT, "retries-exhausted", "Concurrent transfers kept conflicting", ex);
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReused ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", ex);
	}

	@ExceptionHandler
	ProblemDetail transferToSameAccount(TransferToSameAccount ex) {
		return problem(HttpStatus.BAD_REQUEST, "same-account", "Same account", ex);
	}

	/** Anything else: logged here with its stack trace, answered without it. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		// Whether it committed is unknown here (the failure may follow the commit): the
		// answer does not guess; a retry with the same Idempotency-Key settles it.
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed on the server and its outcome is unknown: it may or may not have taken effect. "
						+ "Retry it with the same Idempotency-Key: a transfer that was made is answered again, "
						+ "not made twice.");
		problem.setTitle("Internal error, outcome unknown");
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setType(URI.create("https://backendbyexample.dev/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
