package dev.backendbyexample.testsupport.openapi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A tiny server with a tiny OpenAPI document: each test makes it answer one way and
 * checks that the validating client lets exactly the documented answers through.
 */
class OpenApiValidationTests {

	private static final String DOCUMENT = """
			{
			  "openapi": "3.0.1",
			  "info": { "title": "Greetings", "version": "1" },
			  "paths": {
			    "/greetings/{name}": {
			      "get": {
			        "parameters": [ { "name": "name", "in": "path", "required": true, "schema": { "type": "string" } } ],
			        "responses": {
			          "200": {
			            "description": "A greeting",
			            "headers": { "RateLimit": { "required": true, "schema": { "type": "string" } } },
			            "content": { "application/json": { "schema": {
			              "type": "object", "required": ["message"],
			              "properties": { "message": { "type": "string" } } } } }
			          },
			          "429": {
			            "description": "Too many",
			            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetail" } } }
			          }
			        }
			      }
			    }
			  },
			  "components": { "schemas": { "ProblemDetail": {
			    "type": "object", "additionalProperties": true,
			    "properties": { "type": { "type": "string" }, "title": { "type": "string" },
			      "status": { "type": "integer" }, "detail": { "type": "string" } } } } }
			}
			""";

	private static final String PROBLEM = "{\"title\":\"Too Many Requests\",\"status\":429,\"policy\":\"p\"}";

	private HttpServer server;

	private volatile Answer answer;

	private volatile String document = DOCUMENT;

	private RestClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v3/api-docs",
				(exchange) -> send(exchange, new Answer(200, "application/json", this.document, Map.of())));
		this.server.createContext("/", (exchange) -> send(exchange, this.answer));
		this.server.start();
		this.client = OpenApiValidation.restClient("http://127.0.0.1:" + this.server.getAddress().getPort()).build();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void documentedStatusHeadersAndBodyPass() {
		this.answer = new Answer(200, "application/json", "{\"message\":\"hi\"}", Map.of("RateLimit", "\"p\";r=9;t=5"));
		ResponseEntity<String> response = get("/greetings/ada");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo("{\"message\":\"hi\"}");
	}

	@Test
	void documentedErrorStatusPassesWithoutThrowing() {
		this.answer = new Answer(429, "application/problem+json", PROBLEM, Map.of());
		assertThat(get("/greetings/ada").getStatusCode().value()).isEqualTo(429);
	}

	@Test
	void undocumentedStatusFails() {
		this.answer = new Answer(409, "application/problem+json", PROBLEM, Map.of());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"))
			.withMessageContaining("409");
	}

	@Test
	void undocumentedHeaderFails() {
		this.answer = new Answer(200, "application/json", "{\"message\":\"hi\"}",
				Map.of("RateLimit", "\"p\";r=9;t=5", "X-Secret", "1"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"))
			.withMessageContaining("x-secret"); // HTTP/1.1 clients may lower-case names
	}

	@Test
	void missingRequiredHeaderFails() {
		this.answer = new Answer(200, "application/json", "{\"message\":\"hi\"}", Map.of());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"))
			.withMessageContaining("RateLimit");
	}

	@Test
	void bodyNotMatchingTheSchemaFails() {
		this.answer = new Answer(200, "application/json", "{\"message\":42,\"extra\":true}",
				Map.of("RateLimit", "\"p\";r=9;t=5"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"))
			.withMessageContaining("message")
			.withMessageContaining("extra");
	}

	@Test
	void wrongContentTypeFails() {
		this.answer = new Answer(429, "text/html", "<h1>Too many</h1>", Map.of());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"))
			.withMessageContaining("text/html");
	}

	@Test
	void unknownPathAnswered404ProblemPasses() {
		this.answer = new Answer(404, "application/problem+json", "{\"status\":404}", Map.of());
		assertThat(get("/nowhere").getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void unknownPathAnsweredOtherwiseFails() {
		this.answer = new Answer(200, "text/html", "<h1>Whitelabel</h1>", Map.of());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/nowhere"))
			.withMessageContaining("/nowhere");
	}

	@Test
	void responseReadWithoutAClientIsCheckedToo() {
		OpenApiValidation validation = OpenApiValidation
			.forBaseUrl("http://127.0.0.1:" + this.server.getAddress().getPort());
		HttpHeaders headers = new HttpHeaders();
		headers.set("Content-Type", "application/problem+json");
		byte[] problem = PROBLEM.getBytes(StandardCharsets.UTF_8);

		validation.check("GET", URI.create("/greetings/ada"), 429, headers, problem);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> validation.check("GET", URI.create("/greetings/ada"), 413, headers, problem))
			.withMessageContaining("413");
	}

	@Test
	void anotherDocumentAtTheSameUrlGetsItsOwnValidator() {
		this.answer = new Answer(409, "application/problem+json", PROBLEM, Map.of());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> get("/greetings/ada"));

		// As when a later application context reuses the port with another document.
		this.document = DOCUMENT.replace("\"429\"", "\"409\"");
		RestClient client = OpenApiValidation.restClient("http://127.0.0.1:" + this.server.getAddress().getPort())
			.build();
		assertThat(client.get().uri("/greetings/ada").retrieve().toEntity(String.class).getStatusCode().value())
			.isEqualTo(409);
	}

	@Test
	void openApi31DocumentIsRefused() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> OpenApiValidation.forBaseUrl("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v31"))
			.withMessageContaining("openapi_3_0");
	}

	private ResponseEntity<String> get(String path) {
		return this.client.get().uri(path).retrieve().toEntity(String.class);
	}

	private void send(HttpExchange exchange, Answer answer) throws IOException {
		if (exchange.getRequestURI().getPath().equals("/v31/v3/api-docs")) {
			answer = new Answer(200, "application/json", DOCUMENT.replace("3.0.1", "3.1.0"), Map.of());
		}
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(answer.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Answer(int status, String contentType, String body, Map<String, String> headers) {
	}

}
