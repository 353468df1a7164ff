package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Bounds every request body to {@link #MAX_BYTES}: a declared {@code Content-Length}
 * above it is refused before a byte is read, a chunked body as soon as the byte past the
 * limit is read. Either way the answer is 413 and nothing reaches a controller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

	/** Far above any body this API takes (a transfer is under 100 bytes). */
	static final int MAX_BYTES = 16 * 1024;

	static final String DETAIL = "The request body is larger than " + MAX_BYTES + " bytes.";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			// Answered by the error page (ErrorPageController), as any filter's error.
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, DETAIL);
			return;
		}
		chain.doFilter(new BoundedBody(request), response);
	}

	/**
	 * Thrown while the body is read, once it passes the limit; ProblemDetailsAdvice
	 * answers 413.
	 */
	static class TooLarge extends RuntimeException {

		TooLarge() {
			super(DETAIL);
		}

	}

	/**
	 * Counts what is read (and keeps at most the limit in memory) and stops at the limit.
	 */
	private static final class BoundedBody extends ContentCachingRequestWrapper {

		BoundedBody(HttpServletRequest request) {
			super(request, MAX_BYTES);
		}

		@Override
		protected void handleContentOverflow(int limit) {
			throw new TooLarge();
		}

	}

}
