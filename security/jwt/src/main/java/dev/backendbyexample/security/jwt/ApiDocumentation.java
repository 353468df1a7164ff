package dev.backendbyexample.security.jwt;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description at {@code /v3/api-docs}: title, the Problem Details schema, and the
 * errors every operation can answer, written once so the tests can check every response
 * against it. Each operation's own statuses are on the controllers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

	static final String BEARER = "bearer";

	/** Headers the filter chain adds to every answer (SecurityConfiguration). */
	static final Map<String, String> SECURITY_HEADERS = securityHeaders();

	@Bean
	OpenAPI jwtOpenApi() {
		return new OpenAPI().info(new Info().title("Backend by Example: security/jwt").version("0.1.0").description("""
				A JWT-secured API: log in for a short-lived ES256 access token and an opaque \
				refresh token; send the access token as Authorization: Bearer <token>; trade the \
				refresh token for a new pair (each is used once; a reused one revokes its whole \
				family). Notes are private to their owner; admin routes need role ADMIN. Errors are \
				RFC 9457 Problem Details."""))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.security(List.of(new SecurityRequirement().addList(BEARER)))
			.servers(List.of(new Server().url("http://localhost:8080").description("./bbe run security/jwt")));
	}

	/**
	 * Adds the Problem Details schema, and to every operation the errors any request can
	 * meet before or outside its handler.
	 */
	@Bean
	OpenApiCustomizer commonProblemResponses() {
		return (openApi) -> {
			// Added here, not on the OpenAPI bean: springdoc drops schemas no operation
			// refers to before the customizers add the references.
			openApi.getComponents().addSchemas("ProblemDetail", problemDetailSchema());
			openApi.getPaths().forEach((name, path) -> path.readOperations().forEach((operation) -> {
				addCommonProblems(operation, name.startsWith("/admin/"));
				operation.getResponses().values().forEach(ApiDocumentation::addSecurityHeaders);
			}));
		};
	}

	private static void addCommonProblems(Operation operation, boolean adminOnly) {
		Map<String, String> common = new LinkedHashMap<>();
		boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
		if (!open) {
			common.put("401", "No access token, or one that is invalid or expired: one body for every reason.");
		}
		if (adminOnly) {
			common.put("403", "The access token's roles lack ADMIN.");
		}
		common.put("400", "The request is malformed or invalid: a bad path, query, header or body "
				+ "(strict JSON: no coercion, no unknown properties); the detail names the field.");
		common.put("404", "No such resource or route.");
		common.put("406", "The Accept header excludes every type this operation can answer.");
		common.put("413", "The request body is larger than the server accepts.");
		if (operation.getRequestBody() != null) {
			common.put("415", "The body is not application/json.");
		}
		common.put("500", "An unexpected failure; the outcome is unknown.");
		common.forEach((status, description) -> {
			if (operation.getResponses().get(status) == null) {
				ApiResponse response = problem(description);
				// Spring MVC names what it can answer (406) or read (415) in an Accept
				// header.
				if (status.equals("401") || status.equals("403")) {
					response.addHeaderObject("WWW-Authenticate", new Header().description(
							"Bearer; error=\"invalid_token\" (401) or \"insufficient_scope\" (403) when a token was sent (RFC 6750)")
						.schema(new StringSchema()));
				}
				if (status.equals("406") || status.equals("415")) {
					response.addHeaderObject("Accept",
							new Header()
								.description("The media types this operation can answer (406) or accepts (415).")
								.schema(new StringSchema().example("application/json")));
				}
				operation.getResponses().addApiResponse(status, response);
			}
		});
	}

	/** Every answer carries the security headers the filter chain writes. */
	private static void addSecurityHeaders(ApiResponse response) {
		SECURITY_HEADERS.forEach((name, description) -> {
			if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
				response.addHeaderObject(name, new Header().description(description).schema(new StringSchema()));
			}
		});
	}

	private static Map<String, String> securityHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Content-Type-Options", "nosniff");
		headers.put("X-Frame-Options", "DENY");
		headers.put("X-XSS-Protection", "0: the browsers' old filter off, CSP does its job");
		headers.put("Content-Security-Policy", "The application's own scripts and styles only; no framing");
		headers.put("Referrer-Policy", "no-referrer");
		headers.put("Strict-Transport-Security", "On HTTPS only");
		headers.put("Cache-Control", "no-store for API answers: tokens and notes stay out of caches");
		headers.put("Pragma", "no-cache");
		headers.put("Expires", "0");
		headers.put("Access-Control-Allow-Origin", "CORS: only for configured origins");
		headers.put("Access-Control-Expose-Headers", "CORS");
		return headers;
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))));
	}

	private static Schema<?> problemDetailSchema() {
		Schema<?> schema = new ObjectSchema().description("RFC 9457 Problem Details. Extension members may follow.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("Identifies the problem type; about:blank when the status says it all.")
						.example("https://backendbyexample.dev/problems/note-not-found"))
			.addProperty("title", new StringSchema().example("Note not found"))
			.addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(100)).example(404))
			.addProperty("detail", new StringSchema().example("No such note."))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/notes/0b6c…"));
		schema.setAdditionalProperties(true);
		return schema;
	}

}
