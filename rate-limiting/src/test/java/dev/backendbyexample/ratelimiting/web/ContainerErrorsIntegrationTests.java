package dev.backendbyexample.ratelimiting.web;

import dev.backendbyexample.testsupport.http.RawHttp;
import dev.backendbyexample.ratelimiting.RateLimitingApplication;
import dev.backendbyexample.ratelimiting.RateLimitingServices;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised outside the controllers are Problem Details too: Tomcat's refusals of a
 * malformed request (before Spring MVC runs), Spring MVC's own (unknown path, wrong
 * method or media type), and an exception thrown by a servlet filter. Never Tomcat's HTML
 * page, Boot's whitelabel page or its {@code /error} map, never a stack trace. Every
 * answer to a request for an operation of the API, or for a path it does not have, is
 * checked against the application's own OpenAPI document ({@link OpenApiValidation}).
 */
@SpringBootTest(classes = { RateLimitingApplication.class, RateLimitingServices.class, WebEdgeProbe.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerErrorsIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	/**
	 * Not the API: WebEdgeProbe's test-only routes ({@code /echo}, {@code /boom}) and the
	 * document itself.
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
	@ValueSource(strings = { "/api/a%2Fb", "/api/%00", "/api/%25%2F", "/api/a%5Cb", "/../../etc/passwd" })
	void pathTomcatRejectsThen400ProblemFromTheContainer(String target) {
		// Raw bytes, not a client: an HTTP client would normalise or refuse this target.
		RawHttp response = RawHttp.get(this.port, target);

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void malformedRequestLineThen400Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port, "GET /api/a|b HTTP/1.1\r\nHost: localhost\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void malformedHeaderThen400Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port, "GET /api/hello HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertContainerProblem(response, 400);
	}

	@Test
	void unsupportedHttpVersionThen505Problem() {
		// Raw bytes, not a client: no HTTP client sends this malformed request.
		RawHttp response = RawHttp.send(this.port, "GET /api/hello HTTP/9.9\r\nHost: localhost\r\n\r\n");

		assertThat(response.status()).isEqualTo(505);
		assertContainerProblem(response, 505);
	}

	@Test
	void unknownPathThen404Problem() {
		assertProblem(exchange(this.api, HttpMethod.GET, "/no/such/thing", MediaType.APPLICATION_JSON), 404);
	}

	@Test
	void wrongMethodThen405ProblemWithAllow() {
		ResponseEntity<String> response = exchange(this.api, HttpMethod.DELETE, "/api/hello",
				MediaType.APPLICATION_JSON);

		assertProblem(response, 405);
		assertThat(response.getHeaders().getAllow()).contains(HttpMethod.GET);
	}

	@Test
	void wrongMediaTypeThen415Problem() {
		// The probe's /echo: the API's own routes read no body.
		ResponseEntity<String> response = this.plain.post()
			.uri("/echo")
			.contentType(MediaType.TEXT_PLAIN)
			.body("name=ada")
			.retrieve()
			.toEntity(String.class);

		assertProblem(response, 415);
	}

	@Test
	void unacceptableAcceptThen406ProblemAnyway() {
		// The client asked for HTML; a problem is still better than an empty 406.
		assertProblem(exchange(this.api, HttpMethod.GET, "/api/hello", MediaType.TEXT_HTML), 406);
	}

	@Test
	void exceptionInAServletFilterThen500ProblemWithoutItsMessage() {
		// A browser's Accept: Boot would answer its whitelabel HTML page. The probe's
		// failing filter, not the API: a plain client.
		ResponseEntity<String> response = exchange(this.plain, HttpMethod.GET, WebEdgeProbe.FAILING_PATH,
				MediaType.TEXT_HTML);

		assertProblem(response, 500);
		assertThat(response.getBody()).doesNotContain(WebEdgeProbe.SECRET).contains("\"instance\":\"/boom\"");
	}

	@Test
	void errorPageIsNotAnOperationOfTheApi() {
		// The document itself is not an operation of the API: a plain client.
		assertThat(this.plain.get().uri("/v3/api-docs").retrieve().body(String.class)).doesNotContain("\"/error\"");
	}

	private static ResponseEntity<String> exchange(RestClient client, HttpMethod method, String path,
			MediaType accept) {
		return client.method(method).uri(path).accept(accept).retrieve().toEntity(String.class);
	}

	static void assertProblem(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
		assertThat(response.getBody()).contains("\"status\":" + status)
			.contains("\"title\":")
			.doesNotContain("<html", "Exception", "trace", "java.", "\"error\":");
	}

	static void assertContainerProblem(RawHttp response, int status) {
		assertThat(response.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.body()).contains("\"status\":" + status)
			.contains("\"title\":")
			.doesNotContain("<html", "Exception", "trace", "Apache Tomcat");
	}

}
