package dev.backendbyexample.testsupport.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for demos: plain JDK, no magic, so a transcript shows exactly what
 * was sent. For demos only: tests use
 * {@link dev.backendbyexample.testsupport.openapi.OpenApiValidation#restClient(String)},
 * which checks every response against the API's own description.
 */
public final class DemoHttp {

	private final URI base;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	public DemoHttp(URI base) {
		this.base = base;
	}

	public static DemoHttp localhost(int port) {
		return new DemoHttp(URI.create("http://localhost:" + port));
	}

	public URI base() {
		return this.base;
	}

	/**
	 * A GET with optional headers given as name, value pairs.
	 */
	public DemoResponse get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	/**
	 * A POST of a JSON body with optional headers given as name, value pairs.
	 */
	public DemoResponse post(String path, String json, String... headers) {
		return send("POST", path, json, headers);
	}

	public DemoResponse send(String method, String path, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(30));
		boolean typed = false;
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
			typed |= headers[i].equalsIgnoreCase("Content-Type");
		}
		// A JSON body is application/json unless the caller names another type (say,
		// application/merge-patch+json).
		if (json != null && !typed) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new DemoResponse(method, path, response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
