package dev.backendbyexample.restvsgraphql;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	@Bean
	OpenAPI restVsGraphqlOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Backend by Example: rest-vs-graphql").version("0.1.0").description("""
					Users, posts and comments on PostgreSQL as REST resources, with exact HTTP \
					semantics: ETag and If-None-Match (304), If-Match on writes (412 stale, 428 \
					missing), Idempotency-Key on POST, JSON Merge Patch, cursor pagination with Link \
					headers. The same service layer answers GraphQL at /graphql (not described \
					here: its schema is at /graphql/schema); only GraphQL's persisted queries, plain \
					GETs, are. Errors are RFC 9457 Problem Details."""))
			// A public sample: no authentication (an empty requirement says so).
			.security(List.of())
			.servers(List.of(new Server().url("http://localhost:8080").description("./bbe run rest-vs-graphql")));
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
			openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				addCommonProblems(operation);
				errorsAreProblems(operation);
			}));
		};
	}

	private static void addCommonProblems(Operation operation) {
		Map<String, String> common = new LinkedHashMap<>();
		common.put("400", "The request is malformed or invalid: a bad path, query, header or body "
				+ "(strict JSON: no coercion, no unknown properties); the detail names the field.");
		common.put("404", "No such resource or route.");
		common.put("405", "The resource does not support this method; Allow lists those it does.");
		common.put("406", "The Accept header excludes every type this operation can answer.");
		common.put("413", "The request body is larger than the server accepts.");
		if (operation.getRequestBody() != null) {
			common.put("415", "The body is not of the media type this operation reads.");
		}
		common.put("500", "An unexpected failure; the outcome is unknown.");
		common.forEach((status, description) -> {
			if (operation.getResponses().get(status) == null) {
				ApiResponse response = problem(description);
				// Spring MVC names what it can answer (406) or read (415) in an Accept
				// header.
				if (status.equals("405")) {
					response.addHeaderObject("Allow", new Header().description("The methods the resource supports.")
						.schema(new StringSchema().example("GET, HEAD")));
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

	/**
	 * Every error an operation declares is a problem (springdoc would give it the
	 * operation's own type), and a 304 has no body.
	 */
	private static void errorsAreProblems(Operation operation) {
		operation.getResponses().forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				response.content(problem(response.getDescription()).getContent());
			}
			if (status.equals("304")) {
				response.content(null);
			}
		});
		ApiResponse unsupported = operation.getResponses().get("415");
		if (unsupported != null && operation.getRequestBody() != null
				&& operation.getRequestBody().getContent().containsKey(UserController.MERGE_PATCH_JSON)) {
			// Spring MVC names the patch formats a PATCH accepts (RFC 5789).
			unsupported.addHeaderObject("Accept-Patch", new Header().description("The patch formats accepted.")
				.schema(new StringSchema().example(UserController.MERGE_PATCH_JSON)));
		}
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
						.example("https://backendbyexample.dev/problems/stale-version"))
			.addProperty("title", new StringSchema().example("The resource changed since you read it"))
			.addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(100)).example(412))
			.addProperty("detail", new StringSchema().example("User 7 is no longer at version 3"))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/users/7"));
		schema.setAdditionalProperties(true);
		return schema;
	}

}
