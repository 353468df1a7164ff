package dev.backendbyexample.restvsgraphql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the code generates (springdoc) is the one checked into the
 * repository, {@code rest-vs-graphql/openapi.json}: a change to a controller that changes
 * the contract fails here until the checked-in spec is updated with it (run this test
 * with {@code -Dbbe.openapi=update}), so the contract's changes show up in review. The
 * document is also exported to {@code target/openapi.json} for the linter {@code .ci/run}
 * runs.
 */
@RestVsGraphqlIntegrationTest
class ApiDescriptionIntegrationTests {

	static final Path CHECKED_IN = Path.of("openapi.json");

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void theGeneratedDocumentIsTheCheckedInSpec() throws IOException {
		JsonNode generated = json.readTree(document());
		String pretty = json.writeValueAsString(generated) + "\n";
		Files.writeString(Path.of("target", "openapi.json"), pretty);
		if ("update".equals(System.getProperty("bbe.openapi"))) {
			Files.writeString(CHECKED_IN, pretty);
		}

		assertThat(CHECKED_IN).as("the checked-in spec").exists();
		assertThat(generated)
			.as("The code's OpenAPI document differs from the checked-in %s; review the difference (target/openapi.json "
					+ "is the generated one) and, if the change is meant, update the spec with "
					+ "-Dbbe.openapi=update", CHECKED_IN.toAbsolutePath())
			.isEqualTo(json.readTree(CHECKED_IN));
	}

	@Test
	void documentNamesTheApiAndEveryHttpRuleItAnswers() {
		assertThat(document()).contains("\"openapi\":\"3.0.1\"")
			.contains("\"title\":\"Backend by Example: rest-vs-graphql\"")
			.contains("\"Users\"", "\"Posts\"", "\"GraphQL persisted queries\"")
			.contains("\"304\"", "\"412\"", "\"428\"", "\"405\"", "\"Allow\"", "\"ETag\"", "\"If-Match\"",
					"\"Idempotency-Key\"", "\"Link\"", "\"Location\"", "application/merge-patch+json",
					"application/problem+json")
			.doesNotContain("-controller\"", "\"/graphql\"", "\"/error\"");
	}

	@Test
	void swaggerUiRendersTheDocument() {
		String page = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/swagger-ui/index.html")
			.retrieve()
			.body(String.class);
		String config = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v3/api-docs/swagger-config")
			.retrieve()
			.body(String.class);

		assertThat(page).contains("Swagger UI");
		assertThat(config).contains("\"url\":\"/v3/api-docs\"");
	}

	private String document() {
		// The document itself is not an operation of the API: a plain client.
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(String.class);
	}

}
