package dev.backendbyexample.caching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document, exported to {@code target/openapi.json} for the linter that
 * {@code .ci/run} runs on it; the responses themselves are checked against it by every
 * API test ({@code OpenApiValidation}).
 */
@CachingIntegrationTest
class ApiDescriptionIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void documentNamesTheApiAndEveryStatusAndCachingHeaderItAnswers() throws IOException {
		String document = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(String.class);
		Files.writeString(Path.of("target", "openapi.json"), document);

		assertThat(document).contains("\"openapi\":\"3.0.1\"")
			.contains("\"title\":\"Backend by Example: caching\"")
			.contains("\"304\"", "\"405\"", "\"Allow\"", "\"412\"", "\"428\"", "application/problem+json", "\"ETag\"",
					"\"Cache-Control\"", "\"X-Cache\"", "\"If-None-Match\"", "\"If-Match\"")
			.doesNotContain("-controller\"");
	}

}
