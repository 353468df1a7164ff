package dev.backendbyexample.messaging.rabbitmq;

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
@MessagingIntegrationTest
class ApiDescriptionIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void documentNamesTheApiAndEveryStatusItAnswers() throws IOException {
		// The document itself is not an operation of the API: a plain client.
		String document = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(String.class);
		Files.writeString(Path.of("target", "openapi.json"), document);

		assertThat(document).contains("\"openapi\":\"3.0.1\"")
			.contains("\"title\":\"Backend by Example: messaging with RabbitMQ\"")
			.contains("\"Orders\"", "\"Dead letters\"", "\"Stock\"", "\"Queues\"")
			.contains("\"201\"", "\"409\"", "\"503\"", "application/problem+json", "\"Location\"")
			.doesNotContain("-controller\"");
	}

}
