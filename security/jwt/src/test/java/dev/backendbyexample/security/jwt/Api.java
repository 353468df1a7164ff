package dev.backendbyexample.security.jwt;

import java.util.UUID;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The tests' client of the API: real HTTP, every answer checked against the OpenAPI
 * document ({@link OpenApiValidation}), errors returned, not thrown.
 */
final class Api {

	static final String PASSWORD = "correct horse battery staple";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RestClient http;

	Api(int port) {
		this.http = OpenApiValidation.restClient("http://localhost:" + port).build();
	}

	static String newUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	/** Registers a user with {@link #PASSWORD} and answers its username. */
	String registerUser() {
		String username = newUsername();
		ResponseEntity<String> response = register(username, PASSWORD);
		if (response.getStatusCode().value() != 201) {
			throw new AssertionError("registration failed: " + response);
		}
		return username;
	}

	ResponseEntity<String> register(String username, String password) {
		return send(HttpMethod.POST, "/auth/register", null, "{\"username\":\"" + username + "\",\"password\":\""
				+ password + "\",\"displayName\":\"" + username + "\"}");
	}

	ResponseEntity<String> login(String username, String password) {
		return send(HttpMethod.POST, "/auth/login", null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	/** Logs in and answers the token pair. */
	Tokens tokens(String username) {
		ResponseEntity<String> response = login(username, PASSWORD);
		if (response.getStatusCode().value() != 200) {
			throw new AssertionError("login failed: " + response);
		}
		return Tokens.of(response.getBody());
	}

	ResponseEntity<String> refresh(String refreshToken) {
		return send(HttpMethod.POST, "/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

	ResponseEntity<String> logout(String refreshToken) {
		return send(HttpMethod.POST, "/auth/logout", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
	}

	ResponseEntity<String> get(String path, String accessToken) {
		return send(HttpMethod.GET, path, accessToken, null);
	}

	ResponseEntity<String> send(HttpMethod method, String path, String accessToken, String body) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(path).accept(MediaType.APPLICATION_JSON);
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(String.class);
	}

	static JsonNode json(String body) {
		return json.readTree(body);
	}

	/**
	 * A login's answer.
	 *
	 * @param access the access token
	 * @param refresh the refresh token
	 */
	record Tokens(String access, String refresh) {

		static Tokens of(String body) {
			JsonNode node = json(body);
			return new Tokens(node.get("accessToken").asString(), node.get("refreshToken").asString());
		}

	}

}
