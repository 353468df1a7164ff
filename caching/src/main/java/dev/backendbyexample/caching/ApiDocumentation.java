package dev.backendbyexample.caching;

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
	OpenAPI cachingOpenApi() {
		return new OpenAPI().info(new Info().title("Backend by Example: caching").version("0.1.0").description("""
				A product catalogue on PostgreSQL, read through a cache in two levels (Caffeine \
				in each instance, Redis shared by all) kept coherent over Redis pub/sub, with \
				stampede protection and HTTP validation (ETag, If-None-Match, If-Match). Prices \
				are whole cents. Errors are RFC 9457 Problem Details."""))
			// A public sample: no authentication (an empty requirement says so).
			.security(List.of())
			.servers(List.of(new Server().url("http://localhost:8080").description("./bbe run caching")));
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
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach(ApiDocumentation::addCommonProblems));
		};
	}

	private static void addCommonProblems(Operation operation) {
		// springdoc gives every response the operation's media type; these have no body.
		for (String bodiless : List.of("204", "304")) {
			if (operation.getResponses().get(bodiless) != null) {
				operation.getResponses().get(bodiless).setContent(null);
			}
		}
		Map<String, String> common = new LinkedHashMap<>();
		common.put("400", "The request is malformed or invalid: a bad path, query, header or body "
				+ "(strict JSON: no coercion, no unknown properties); the detail names the field.");
		common.put("404", "No such resource or route.");
		common.put("405", "The resource does not support this method; Allow lists those it does.");
		common.put("406", "The Accept header excludes every type this operation can answer.");
		common.put("413", "The request body is larger than the server accepts.");
		if (operation.getRequestBody() != null) {
			common.put("415", "The body is not application/json.");
		}
		common.put("500", "An unexpected failure; the outcome of a write is unknown: read the product "
				+ "to learn its current version.");
		common.forEach((status, description) -> {
			if (operation.getResponses().get(status) == null) {
				ApiResponse response = problem(description);
				// Spring MVC names the methods the path supports (405) in an Allow
				// header, and what it can answer (406) or read (415) in an Accept header.
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
						.example("https://backendbyexample.dev/problems/product-not-found"))
			.addProperty("title", new StringSchema().example("Product not found"))
			.addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(100)).example(404))
			.addProperty("detail", new StringSchema().example("No product 42"))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/products/42"));
		schema.setAdditionalProperties(true);
		return schema;
	}

}
