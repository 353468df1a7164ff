package dev.backendbyexample.testsupport.demo;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * What a demo request got back.
 *
 * @param method the request method
 * @param path the request path
 * @param status the response status code
 * @param headers the response headers
 * @param body the response body as text
 */
public record DemoResponse(String method, String path, int status, HttpHeaders headers, String body) {

	public Optional<String> header(String name) {
		return this.headers.firstValue(name);
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 202 -> "Accepted";
			case 204 -> "No Content";
			case 304 -> "Not Modified";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 406 -> "Not Acceptable";
			case 409 -> "Conflict";
			case 412 -> "Precondition Failed";
			case 413 -> "Content Too Large";
			case 415 -> "Unsupported Media Type";
			case 422 -> "Unprocessable Content";
			case 428 -> "Precondition Required";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> "";
		};
	}

}
