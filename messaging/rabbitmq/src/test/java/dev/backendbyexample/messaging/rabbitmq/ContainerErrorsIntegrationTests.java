package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;

import dev.backendbyexample.testsupport.http.RawHttp;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised outside the controllers are Problem Details too: Tomcat's refusals of a
 * malformed request (before Spring MVC runs), Spring MVC's own (unknown path, wrong
 * method or media type), and an exception thrown by a servlet filter. Never Tomcat's HTML
 * page, Boot's whitelabel page or its {@code /error} map, never a stack trace. Every
 * answer to a request for an operation of the API, or for a path it does not have, is
 * checked against the application's own OpenAPI document ({@link OpenApiValidation}).
 */
@MessagingIntegrationTest
class ContainerErrorsIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	/**
	 * Not the API: the failing filter's test-only {@code /boom} and the document itself.
	 */
	RestClient plain;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		this.plain = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/orders/a%2Fb", "/api/orders/%00", "/api/orders/%25%2F", "/api/orders/a%5Cb",
			"/../../etc/passwd" })
	void pathTomcatRejectsThen400ProblemFromTheContainer(String target) {
		// Raw bytes, not a client: an HTTP client would normalise or refuse this target.
		RawHttp response = RawHttp.get(this.port, target);

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void malformedRequestLineThen400Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port, "GET /api/orders/a|b HTTP/1.1\r\nHost: localhost\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void malformedHeaderThen400Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port,
				"GET /api/publications HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void unsupportedHttpVersionThen505Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port, "GET /api/publications HTTP/9.9\r\nHost: localhost\r\n\r\n");

		assertThat(response.status()).isEqualTo(505);
		assertContainerProblem(response, 505);
	}

	@Test
	void unknownPathThen404Problem() {
		assertProblem(exchange(HttpMethod.GET, "/no-such-thing", null, null), 404);
	}

	@Test
	void wrongMethodThen405ProblemWithAllow() {
		ResponseEntity<String> response = exchange(HttpMethod.DELETE, "/api/publications", null, null);

		assertProblem(response, 405);
		assertThat(response.getHeaders().getAllow()).contains(HttpMethod.GET);
	}

	@Test
	void wrongMediaTypeThen415Problem() {
		assertProblem(exchange(HttpMethod.POST, "/api/orders", MediaType.TEXT_PLAIN, "sku=BOOK"), 415);
	}

	@Test
	void unacceptableAcceptThen406ProblemAnyway() {
		// The client asked for HTML; a problem is still better than an empty 406.
		ResponseEntity<String> response = this.api.get()
			.uri("/api/publications")
			.accept(MediaType.TEXT_HTML)
			.retrieve()
			.toEntity(String.class);

		assertProblem(response, 406);
	}

	@Test
	void malformedJsonThen400Problem() {
		assertProblem(exchange(HttpMethod.POST, "/api/orders", MediaType.APPLICATION_JSON, "{\"sku\":"), 400);
	}

	@Test
	void exceptionInAServletFilterThen500ProblemWithoutItsMessage() {
		// A browser's Accept: Boot would answer its whitelabel HTML page. The test-only
		// failing filter's path, not the API: a plain client.
		ResponseEntity<String> response = this.plain.get()
			.uri(FailingFilter.PATH)
			.accept(MediaType.TEXT_HTML)
			.retrieve()
			.toEntity(String.class);

		assertProblem(response, 500);
		assertThat(response.getBody()).doesNotContain(FailingFilter.SECRET).contains("\"instance\":\"/boom\"");
	}

	@Test
	void sendErrorInAServletFilterThenProblemWithItsStatus() {
		// RequestBodyLimit calls sendError for a Content-Length above the limit.
		ResponseEntity<String> response = exchange(HttpMethod.POST, "/api/orders", MediaType.APPLICATION_JSON,
				" ".repeat(RequestBodyLimit.MAX_BYTES + 1));

		assertProblem(response, 413);
		assertThat(response.getBody()).contains(RequestBodyLimit.DETAIL);
	}

	@Test
	void errorPageIsNotAnOperationOfTheApi() {
		// The document itself is not an operation of the API: a plain client.
		assertThat(this.plain.get().uri("/v3/api-docs").retrieve().body(String.class)).doesNotContain("\"/error\"");
	}

	private ResponseEntity<String> exchange(HttpMethod method, String path, MediaType type, String body) {
		RestClient.RequestBodySpec request = this.api.method(method).uri(path).accept(MediaType.APPLICATION_JSON);
		if (body != null) {
			request.contentType(type).body(body);
		}
		return request.retrieve().toEntity(String.class);
	}

	private static void assertProblem(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(response.getBody()).contains("\"status\":" + status)
			.contains("\"title\":")
			.doesNotContain("<html", "Exception", "trace", "java.", "\"error\":");
	}

	private static void assertContainerProblem(RawHttp response, int status) {
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.body()).contains("\"status\":" + status)
			.contains("\"title\":")
			.doesNotContain("<html", "Exception", "trace", "Apache Tomcat");
	}

	/** A filter that fails, as a buggy one in front of the application would. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingFilter {

		static final String PATH = "/boom";

		static final String SECRET = "internal detail the client must not see";

		@Bean
		OncePerRequestFilter failingFilter() {
			return new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws IOException, jakarta.servlet.ServletException {
					if (request.getRequestURI().equals(PATH)) {
						throw new IllegalStateException(SECRET);
					}
					chain.doFilter(request, response);
				}
			};
		}

	}

}
