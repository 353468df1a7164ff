package dev.backendbyexample.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Virtual hosts through RabbitMQ's management HTTP API (the {@code rabbitmq_management}
 * plugin). The password is never printed.
 */
record RabbitManagementApi(String host, int port, String username, String password) implements VirtualHostAdmin {

	@Override
	public void create(String virtualHost, String user) {
		expect(call("PUT", "vhosts/" + path(virtualHost), ""), "create virtual host", virtualHost);
		expect(call("PUT", "permissions/" + path(virtualHost) + "/" + path(user),
				"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"), "grant permissions in", virtualHost);
	}

	@Override
	public void delete(String virtualHost) {
		expect(call("DELETE", "vhosts/" + path(virtualHost), ""), "delete virtual host", virtualHost);
	}

	@Override
	public boolean exists(String virtualHost) {
		int status = call("GET", "vhosts/" + path(virtualHost), "");
		if (status != 404) {
			expect(status, "look up virtual host", virtualHost);
		}
		return status != 404;
	}

	@Override
	public String describe() {
		return "management API " + this.host + ":" + this.port;
	}

	@Override
	public String toString() {
		return describe();
	}

	/** Calls the management API; returns the HTTP status. */
	private int call(String method, String path, String json) {
		String credentials = Base64.getEncoder()
			.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://" + this.host + ":" + this.port + "/api/" + path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/json")
			.method(method,
					json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build();
		// HTTP/1.1: the management API chokes on the h2c upgrade.
		try (HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build()) {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ management API: " + method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String path(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	private static void expect(int status, String action, String virtualHost) {
		if (status / 100 != 2) {
			throw new IllegalStateException(
					"RabbitMQ management API: could not " + action + " " + virtualHost + " (HTTP " + status + ")");
		}
	}

}
