package dev.backendbyexample.testsupport.openapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * A {@link RestClient} interceptor that checks every response against the OpenAPI
 * document the application serves at {@code /v3/api-docs}, and fails the request with an
 * {@link AssertionError} listing every violation.
 * <p>
 * Checked, per response: the status is documented for the operation; the
 * {@code Content-Type} is one the documented response lists; the body matches the
 * documented schema (unknown properties included: the validator treats every object
 * schema as closed unless it says {@code additionalProperties}); every documented
 * required header is present, and every header present is documented, except the
 * transport headers listed in {@link #TRANSPORT_HEADERS}. A request to a path or method
 * the document does not have must be answered 404 or 405 with
 * {@code application/problem+json}: that is the only truthful answer to it.
 * <p>
 * The parsed document is cached per base path and content. It must be OpenAPI 3.0: the
 * validator (Atlassian's swagger-request-validator) validates schemas with JSON Schema
 * draft 4, and would silently accept anything under a 3.1 document's schemas.
 */
public final class OpenApiValidation implements ClientHttpRequestInterceptor {

	/**
	 * Headers that describe the message, not the API: no document lists them.
	 * {@code Content-Type} is checked against the documented media types instead.
	 */
	static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "date",
			"connection", "keep-alive", "vary");

	private static final Map<Key, OpenApiValidation> BY_DOCUMENT = new ConcurrentHashMap<>();

	private static final Pattern OPENAPI_VERSION = Pattern.compile("\"openapi\"\\s*:\\s*\"([^\"]+)\"");

	private final String basePath;

	private final OpenApiInteractionValidator validator;

	private OpenApiValidation(String basePath, String document) {
		this.basePath = basePath;
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
			.withCustomResponseValidation(OpenApiValidation::documentedHeadersOnly)
			.build();
		warmUp(document);
	}

	/**
	 * The first schema validation loads and compiles the validator's own machinery, which
	 * takes seconds on a loaded machine: done here, it does not slow the first request a
	 * test times against a rate limit.
	 */
	private void warmUp(String document) {
		OpenAPI api = new OpenAPIV3Parser().readContents(document).getOpenAPI();
		if (api == null || api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (operation.getResponses() != null) {
				operation.getResponses().forEach((status, response) -> {
					if (status.chars().allMatch(Character::isDigit) && response.getContent() != null) {
						response.getContent()
							.keySet()
							.forEach((type) -> this.validator.validateResponse(path,
									Request.Method.valueOf(method.name()),
									new CapturedResponse(Integer.parseInt(status), headersWithContentType(type),
											"{}".getBytes(StandardCharsets.UTF_8))));
					}
				});
			}
		}));
	}

	private static HttpHeaders headersWithContentType(String type) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, type);
		return headers;
	}

	/**
	 * A {@link RestClient} builder for the application at {@code baseUrl} (e.g.
	 * {@code http://localhost:8080}) whose every response is checked against the
	 * application's own OpenAPI document. Error statuses do not throw: a test reads the
	 * status, headers and problem like any other response.
	 * @param baseUrl the application's base URL
	 * @return a builder with the base URL, the validator and a lenient status handler
	 */
	public static RestClient.Builder restClient(String baseUrl) {
		return RestClient.builder()
			.baseUrl(baseUrl)
			.requestInterceptor(forBaseUrl(baseUrl))
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
	}

	/**
	 * The validator for the application at {@code baseUrl}. The document is fetched on
	 * every call (springdoc serves it from its cache), and the parsed validator is cached
	 * per base path and document: a random port reused by a later application context
	 * with another document never gets the first one's validator.
	 * @param baseUrl the application's base URL
	 * @return the interceptor
	 */
	public static OpenApiValidation forBaseUrl(String baseUrl) {
		String normalized = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		String basePath = URI.create(normalized).getRawPath();
		String document = fetchDocument(normalized);
		return BY_DOCUMENT.computeIfAbsent(new Key(basePath, document),
				(key) -> new OpenApiValidation(key.basePath(), key.document()));
	}

	private static String fetchDocument(String baseUrl) {
		URI uri = URI.create(baseUrl + "/v3/api-docs");
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ", not the document");
			}
			String document = response.body();
			Matcher version = OPENAPI_VERSION.matcher(document);
			if (!version.find() || !version.group(1).startsWith("3.0.")) {
				throw new AssertionError("GET " + uri + " is not an OpenAPI 3.0 document (set "
						+ "springdoc.api-docs.version=openapi_3_0): the validator checks schemas as 3.0 only");
			}
			return document;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + uri + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted fetching " + uri, ex);
		}
	}

	@Override
	public ClientHttpResponse intercept(org.springframework.http.HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		ClientHttpResponse response = execution.execute(request, body);
		byte[] content;
		try (InputStream in = response.getBody()) {
			content = in.readAllBytes();
		}
		CapturedResponse captured = new CapturedResponse(response.getStatusCode().value(), response.getHeaders(),
				content);
		check(request.getMethod().name(), request.getURI(), captured);
		return new BufferedResponse(response, content);
	}

	/**
	 * Checks a response read without a {@link RestClient}, for a request to the API that
	 * only raw bytes can make (a chunked body, a body larger than the server reads).
	 * @param method the request's method
	 * @param uri the request's URI, absolute or a path (only its path is read)
	 * @param status the response's status
	 * @param headers the response's headers
	 * @param body the response's body, without any chunk framing
	 * @throws AssertionError listing every way the response differs from the document
	 */
	public void check(String method, URI uri, int status, HttpHeaders headers, byte[] body) {
		check(method, uri, new CapturedResponse(status, headers, body));
	}

	private void check(String method, URI uri, CapturedResponse captured) {
		List<String> violations = violations(method, uri, captured);
		if (!violations.isEmpty()) {
			throw new AssertionError(
					"The response to " + method + " " + uri + " is not what the OpenAPI document describes:\n  - "
							+ String.join("\n  - ", violations) + "\nstatus " + captured.status + ", headers "
							+ captured.headers + ", body " + new String(captured.body, StandardCharsets.UTF_8));
		}
	}

	List<String> violations(String method, URI uri, CapturedResponse response) {
		String path = uri.getRawPath().substring(this.basePath.length());
		ValidationReport report = this.validator.validateResponse(path, Request.Method.valueOf(method), response);
		List<String> violations = new ArrayList<>();
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() != ValidationReport.Level.ERROR
					&& message.getLevel() != ValidationReport.Level.WARN) {
				continue;
			}
			if (undocumentedRouteAnsweredTruthfully(message.getKey(), response)) {
				continue;
			}
			violations.add(message.getMessage()
					+ (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo()));
		}
		return violations;
	}

	/**
	 * No document lists the paths an API does not have: the truthful answer to one is a
	 * 404 (or 405 for a method the path lacks) Problem Details.
	 */
	private static boolean undocumentedRouteAnsweredTruthfully(String key, CapturedResponse response) {
		int expected = switch (key) {
			case "validation.request.path.missing" -> 404;
			case "validation.request.operation.notAllowed" -> 405;
			default -> -1;
		};
		return response.status == expected && response.getContentType()
			.map(MediaType::parseMediaType)
			.filter(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith)
			.isPresent();
	}

	private static ValidationReport documentedHeadersOnly(Response response, ApiOperation operation) {
		if (!(response instanceof CapturedResponse captured)) {
			return ValidationReport.empty();
		}
		ApiResponse documented = documentedResponse(operation.getOperation().getResponses(), captured.status);
		if (documented == null) {
			return ValidationReport.empty(); // reported as an unknown status already
		}
		Set<String> names = new HashSet<>(TRANSPORT_HEADERS);
		if (documented.getHeaders() != null) {
			documented.getHeaders().keySet().forEach((name) -> names.add(name.toLowerCase(Locale.ROOT)));
		}
		List<ValidationReport.Message> messages = new ArrayList<>();
		for (String name : captured.headers.headerNames()) {
			if (!names.contains(name.toLowerCase(Locale.ROOT))) {
				messages.add(
						ValidationReport.Message
							.create("validation.response.header.undocumented",
									"Header '" + name + "' is not documented for " + captured.status + " of "
											+ operation.getMethod() + " " + operation.getApiPath().original())
							.build());
			}
		}
		return ValidationReport.from(messages);
	}

	private static @Nullable ApiResponse documentedResponse(@Nullable ApiResponses responses, int status) {
		if (responses == null) {
			return null;
		}
		ApiResponse exact = responses.get(Integer.toString(status));
		if (exact != null) {
			return exact;
		}
		ApiResponse range = responses.get((status / 100) + "XX");
		return (range != null) ? range : responses.getDefault();
	}

	private record Key(String basePath, String document) {
	}

	/** What the server answered, with the body read once. */
	static final class CapturedResponse implements Response {

		final int status;

		final HttpHeaders headers;

		final byte[] body;

		CapturedResponse(int status, HttpHeaders headers, byte[] body) {
			this.status = status;
			this.headers = headers;
			this.body = body;
		}

		@Override
		public int getStatus() {
			return this.status;
		}

		@Override
		public Optional<String> getBody() {
			return (this.body.length == 0) ? Optional.empty()
					: Optional.of(new String(this.body, StandardCharsets.UTF_8));
		}

		@Override
		public Collection<String> getHeaderValues(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? values : List.of();
		}

	}

	/** The response handed on to the client, its body served from the bytes read. */
	private record BufferedResponse(ClientHttpResponse delegate, byte[] content) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.delegate.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.delegate.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.delegate.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.content);
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
