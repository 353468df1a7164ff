package dev.backendbyexample.ratelimiting.web;

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
 * The API description at {@code /v3/api-docs}: what springdoc cannot see in the code (the
 * interceptor's headers, the limiter's 429 and 503, the errors every route can answer),
 * written down once so the tests can check every response against it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM_JSON = "application/problem+json";

	/** Operations with this tag are limited by a policy, so they carry its responses. */
	static final String LIMITED_TAG = "Greetings";

	static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

	@Bean
	OpenAPI rateLimitingOpenApi() {
		return new OpenAPI().info(new Info().title("Backend by Example: rate limiting").version("0.1.0").description("""
				A sample API behind a rate limiter: one route per algorithm (token bucket, \
				fixed window, sliding-window log, sliding-window counter, leaky bucket), \
				limited per client (X-API-Key, else the address). Every limited response \
				carries RateLimit-Policy and RateLimit (IETF draft-ietf-httpapi-ratelimit-headers); \
				a client over its limit gets 429 with Retry-After in whole seconds. Errors are \
				RFC 9457 Problem Details."""))
			// The key is optional: with it or without it (an empty requirement).
			.security(List.of(new SecurityRequirement().addList("clientKey"), new SecurityRequirement()))
			.servers(List.of(new Server().url("http://localhost:8080").description("./bbe run rate-limiting")))
			.components(new Components()
				.addSecuritySchemes("clientKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("Not authentication: the key names the client whose allowance a request "
									+ "spends. Without it the client is its address (X-Forwarded-For only from "
									+ "trusted proxies)."))
				.addHeaders("RateLimit-Policy", rateLimitPolicyHeader())
				.addHeaders("RateLimit", rateLimitHeader())
				.addHeaders("Retry-After", retryAfterHeader()));
	}

	/**
	 * Adds to every operation the errors any route can answer, and to every error the
	 * headers the interceptor may already have set before the error happened.
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

	/**
	 * What the interceptor adds to a limited route, which springdoc cannot see: the
	 * headers on 200, the 429 over the limit and the 503 when the limiter is down and the
	 * policy fails closed.
	 */
	@Bean
	OpenApiCustomizer limiterResponses() {
		return (openApi) -> openApi.getPaths()
			.values()
			.forEach((path) -> path.readOperations()
				.stream()
				.filter((operation) -> operation.getTags() != null && operation.getTags().contains(LIMITED_TAG))
				.forEach(ApiDocumentation::addLimiterResponses));
	}

	private static void addLimiterResponses(Operation operation) {
		operation.getResponses().get("200").headers(limiterHeaders(false));
		operation.getResponses()
			.addApiResponse("429",
					problem("Over the limit: retry after Retry-After seconds.").headers(limiterHeaders(true)))
			.addApiResponse("503",
					problem("The limiter's store (Redis) is unavailable and the policy fails closed.")
						.headers(Map.of("RateLimit-Policy", new Header().$ref("#/components/headers/RateLimit-Policy"),
								"Retry-After", new Header().$ref("#/components/headers/Retry-After"))));
		operation.getResponses()
			.get("429")
			.getContent()
			.get(PROBLEM_JSON)
			.example(Map.of("type", "https://backendbyexample.dev/problems/rate-limited", "title", "Too Many Requests",
					"status", 429, "detail", "Rate limit of policy 'token-bucket' exceeded; retry in 1 s.", "instance",
					"/api/token-bucket", "policy", "token-bucket"));
		operation.getResponses()
			.get("503")
			.getContent()
			.get(PROBLEM_JSON)
			.example(Map.of("type", "https://backendbyexample.dev/problems/rate-limiter-unavailable", "title",
					"Service Unavailable", "status", 503, "detail",
					"The rate limiter of policy 'leaky-bucket' is unavailable and the policy fails closed.", "instance",
					"/api/leaky-bucket", "policy", "leaky-bucket"));
	}

	private static void addCommonProblems(Operation operation) {
		Map<String, String> common = new LinkedHashMap<>();
		common.put("400", "The request is malformed (an unparsable path or query).");
		common.put("404", "No such route.");
		common.put("406", "The Accept header excludes every type this operation can answer.");
		common.put("413", "The request body is larger than the server accepts.");
		common.put("500", "An unexpected failure; the server logged it.");
		common.forEach((status, description) -> {
			if (operation.getResponses().get(status) == null) {
				Map<String, Header> headers = limiterHeaders(false);
				if (status.equals("406")) {
					headers.put("Accept", new Header().description("The media types this operation can answer.")
						.schema(new StringSchema().example("application/json")));
				}
				operation.getResponses().addApiResponse(status, problem(description).headers(headers));
			}
		});
	}

	/** A Problem Details response, its body {@code application/problem+json}. */
	static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))));
	}

	/**
	 * The interceptor's headers: on every response of a route a policy covers, RateLimit
	 * only while the limiter answers (a fail-open response knows no remaining quota).
	 */
	static Map<String, Header> limiterHeaders(boolean retryAfter) {
		Map<String, Header> headers = new LinkedHashMap<>();
		headers.put("RateLimit-Policy", new Header().$ref("#/components/headers/RateLimit-Policy"));
		headers.put("RateLimit", new Header().$ref("#/components/headers/RateLimit"));
		if (retryAfter) {
			headers.put("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
		}
		return headers;
	}

	private static Header rateLimitPolicyHeader() {
		return new Header()
			.description("The policy covering this route: name, quota q and window w in seconds "
					+ "(draft-ietf-httpapi-ratelimit-headers-09). Absent on routes no policy covers.")
			.schema(new StringSchema().example("\"token-bucket\";q=10;w=5"));
	}

	private static Header rateLimitHeader() {
		return new Header()
			.description("What remains: r requests, reset in t seconds. Absent when the limiter is "
					+ "down and the policy fails open (nothing is known about the quota).")
			.schema(new StringSchema().example("\"token-bucket\";r=9;t=5"));
	}

	private static Header retryAfterHeader() {
		return new Header().description("Seconds to wait before retrying, a whole number rounded up.")
			.schema(new IntegerSchema().minimum(BigDecimal.ONE).example(1));
	}

	private static Schema<?> problemDetailSchema() {
		Schema<?> schema = new ObjectSchema()
			.description("RFC 9457 Problem Details. Extension members (such as policy) may follow.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("Identifies the problem type; about:blank when the status says it all.")
						.example("https://backendbyexample.dev/problems/rate-limited"))
			.addProperty("title", new StringSchema().example("Too Many Requests"))
			.addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(100)).example(429))
			.addProperty("detail",
					new StringSchema().example("Rate limit of policy 'token-bucket' exceeded; retry in 1 s."))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/api/token-bucket"))
			.addProperty("policy", new StringSchema().description("The policy that refused (429 and 503 only).")
				.example("token-bucket"));
		schema.setAdditionalProperties(true);
		return schema;
	}

}
