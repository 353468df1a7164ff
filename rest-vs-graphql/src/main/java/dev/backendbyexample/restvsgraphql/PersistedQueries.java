package dev.backendbyexample.restvsgraphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * "GraphQL caching is hard", answered: a query the server already knows (stored under
 * {@code persisted-queries/}) runs over a plain GET, named in the URI, so every HTTP
 * cache can key on the URI, and the answer carries an ETag (a hash of its bytes) that a
 * revalidation turns into a 304. Only stored queries run this way, so the GET stays safe:
 * no mutation, no arbitrary query.
 */
@RestController
@Tag(name = "GraphQL persisted queries",
		description = "Stored GraphQL queries over GET: cacheable like a REST resource.")
class PersistedQueries {

	private final ExecutionGraphQlService graphQl;

	private final JsonMapper json;

	private final Map<String, String> documents;

	PersistedQueries(ExecutionGraphQlService graphQl, JsonMapper json) throws IOException {
		this.graphQl = graphQl;
		this.json = json;
		this.documents = load();
	}

	@GetMapping(path = "/graphql/persisted/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Run a persisted GraphQL query",
			description = "Stored queries: profile-card (variables {\"id\": …}), feed and titles (variables "
					+ "{\"first\": …, \"after\": …}). Revalidate with If-None-Match for a 304.")
	@ApiResponse(responseCode = "200", description = "The GraphQL response (data and errors)",
			headers = {
					@Header(name = "ETag", description = "A hash of the response", schema = @Schema(type = "string")),
					@Header(name = "Cache-Control", description = "Store, but revalidate",
							schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)))
	@ApiResponse(responseCode = "304", description = "Not modified: the answer's hash is the one in If-None-Match",
			headers = {
					@Header(name = "ETag", description = "A hash of the response", schema = @Schema(type = "string")),
					@Header(name = "Cache-Control", description = "Store, but revalidate",
							schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "404", description = "No persisted query has this name")
	@Nullable ResponseEntity<byte[]> run(@PathVariable @Pattern(regexp = "[a-z-]{1,40}") String name,
			@Parameter(description = "The query's variables as a JSON object, such as {\"first\": 20}") @RequestParam(
					required = false) @Size(max = 1000) @Nullable String variables,
			WebRequest request) {
		String document = this.documents.get(name);
		if (document == null) {
			throw new PersistedQueryNotFound(name);
		}
		ExecutionGraphQlResponse response = this.graphQl
			.execute(new DefaultExecutionGraphQlRequest(document, null, variables(variables), null,
					UUID.randomUUID().toString(), Locale.ROOT))
			.block();
		byte[] body = this.json.writeValueAsBytes(response.toMap());
		String etag = "\"" + sha256(body).substring(0, 32) + "\"";
		CacheControl revalidate = CacheControl.noCache();
		if (request.checkNotModified(etag)) {
			return null;
		}
		return ResponseEntity.ok()
			.eTag(etag)
			.cacheControl(revalidate)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

	private Map<String, Object> variables(@Nullable String variables) {
		if (variables == null) {
			return Map.of();
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> parsed = this.json.readValue(variables, Map.class);
			return parsed;
		}
		catch (JacksonException ex) {
			throw new InvalidInput(java.util.List.of(InvalidField.parameter("variables", "must be a JSON object")));
		}
	}

	private static Map<String, String> load() throws IOException {
		Map<String, String> documents = new LinkedHashMap<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath:persisted-queries/*.graphql")) {
			String name = String.valueOf(resource.getFilename()).replace(".graphql", "");
			documents.put(name, resource.getContentAsString(StandardCharsets.UTF_8));
		}
		return documents;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new UncheckedIOException(new IOException("SHA-256 is part of every JDK", ex));
		}
	}

}
