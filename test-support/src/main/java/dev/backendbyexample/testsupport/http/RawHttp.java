package dev.backendbyexample.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Sends bytes exactly as written, where an HTTP client would normalise a {@code %2F},
 * refuse a malformed request line or stop at the server's early answer. The body is sent
 * from another thread while the answer is read, as a real client does: a server that
 * answers 413 early may close the connection before it has read all of it.
 *
 * @param status the status code of the first non-1xx response
 * @param head the status line and headers of that response
 * @param body the rest, still chunk-framed if the server chunked it
 */
public record RawHttp(int status, String head, String body) {

	public static RawHttp send(int port, String head, byte... body) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			Thread writer = Thread.ofVirtual().start(() -> {
				try {
					out.write(head.getBytes(StandardCharsets.ISO_8859_1));
					out.write(body);
					out.flush();
				}
				catch (IOException ex) {
					// the server answered and closed before taking it all: expected above
					// a limit
				}
			});
			String response = readAll(socket.getInputStream());
			writer.join(30_000);
			return parse(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A request with {@code Connection: close}, so the server ends the exchange. */
	public static RawHttp get(int port, String target) {
		return send(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
	}

	/** Frames a body as chunks, so its length is not known up front. */
	public static byte[] chunked(byte[] body) {
		ByteArrayOutputStream framed = new ByteArrayOutputStream(body.length + 64);
		for (int offset = 0; offset < body.length; offset += 8192) {
			int length = Math.min(8192, body.length - offset);
			framed.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			framed.write(body, offset, length);
			framed.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		framed.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return framed.toByteArray();
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				read.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// a reset after the answer: keep what arrived
			if (read.size() == 0) {
				throw ex;
			}
		}
		return read.toString(StandardCharsets.UTF_8);
	}

	private static RawHttp parse(String response) {
		String rest = response;
		while (rest.startsWith("HTTP/1.1 1")) { // 100 Continue
			rest = rest.substring(rest.indexOf("\r\n\r\n") + 4);
		}
		int end = rest.indexOf("\r\n\r\n");
		if (!rest.startsWith("HTTP/1.1 ") || end < 0) {
			throw new IllegalStateException("Not an HTTP/1.1 response: " + response);
		}
		int status = Integer.parseInt(rest.substring(9, 12));
		return new RawHttp(status, rest.substring(0, end), rest.substring(end + 4));
	}

	/**
	 * Checks this response against the application's own OpenAPI document, as the
	 * validating client does for the responses it reads.
	 * @param port the application's port
	 * @param method the request's method
	 * @param path the request's path
	 * @return this response
	 */
	public RawHttp assertDocumented(int port, String method, String path) {
		OpenApiValidation.forBaseUrl("http://localhost:" + port)
			.check(method, URI.create(path), this.status, headers(), content());
		return this;
	}

	/** Every header of the response. */
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		Arrays.stream(this.head.split("\r\n")).skip(1).forEach((line) -> {
			int colon = line.indexOf(':');
			headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
		});
		return headers;
	}

	/** The body without its chunk framing, if the server chunked it. */
	public byte[] content() {
		byte[] framed = this.body.getBytes(StandardCharsets.UTF_8);
		String encoding = header("Transfer-Encoding");
		if (encoding == null || !encoding.equalsIgnoreCase("chunked")) {
			return framed;
		}
		ByteArrayOutputStream content = new ByteArrayOutputStream(framed.length);
		int at = 0;
		while (true) {
			int lineEnd = indexOfCrLf(framed, at);
			String size = new String(framed, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
			if (length == 0) {
				return content.toByteArray();
			}
			content.write(framed, lineEnd + 2, length);
			at = lineEnd + 2 + length + 2;
		}
	}

	private static int indexOfCrLf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		throw new IllegalStateException("Chunk framing cut short");
	}

	/** The value of a header, case-insensitively, or null. */
	public @Nullable String header(String name) {
		return Arrays.stream(this.head.split("\r\n"))
			.filter((line) -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
			.map((line) -> line.substring(name.length() + 1).trim())
			.findFirst()
			.orElse(null);
	}

}
