package dev.backendbyexample.security.jwt;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 of the filter chain, as Problem Details: Spring Security's bearer-token
 * handlers write the status and {@code WWW-Authenticate} (RFC 6750), this adds one
 * uniform body. Every refused token gets the same words, whatever was wrong with it.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String UNAUTHORIZED = """
			{"type":"https://backendbyexample.dev/problems/unauthorized","title":"Unauthorized","status":401,\
			"detail":"A valid access token is required: send it as Authorization: Bearer <token>."}""";

	static final String FORBIDDEN = """
			{"type":"https://backendbyexample.dev/problems/forbidden","title":"Forbidden","status":403,\
			"detail":"Your roles do not allow this."}""";

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.entryPoint.commence(request, response, authException);
		write(response, UNAUTHORIZED);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.deniedHandler.handle(request, response, accessDeniedException);
		write(response, FORBIDDEN);
	}

	private static void write(HttpServletResponse response, String body) throws IOException {
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(body);
	}

}
