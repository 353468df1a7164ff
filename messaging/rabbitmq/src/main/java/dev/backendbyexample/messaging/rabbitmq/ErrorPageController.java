package dev.backendbyexample.messaging.rabbitmq;

import java.net.URI;
import java.net.URISyntaxException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, as Problem Details: what the servlet container forwards to when a
 * filter throws or calls {@code sendError}, outside Spring MVC's exception handling.
 * Replaces Boot's {@code /error}, which answers a whitelabel page or a map of its own.
 */
@RestController
@Hidden // not an operation of the API: springdoc hides only Boot's own error controller
class ErrorPageController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(request, status));
		problem.setInstance(instance(request));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** The request that failed, not {@code /error}. */
	private static @Nullable URI instance(HttpServletRequest request) {
		try {
			return (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? new URI(uri)
					: null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String detail(HttpServletRequest request, HttpStatus status) {
		// A 4xx message comes from a sendError of our own filters; a 5xx one may carry an
		// exception's message, which is not for the client (the container logged it).
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		if (status.is4xxClientError() && message instanceof String text && StringUtils.hasText(text)) {
			return text;
		}
		return status.is4xxClientError() ? "The request was refused before it reached the application."
				: "The server failed to handle the request; its outcome is unknown.";
	}

}
