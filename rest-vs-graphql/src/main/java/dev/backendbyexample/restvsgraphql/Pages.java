package dev.backendbyexample.restvsgraphql;

import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Answers a page of a REST collection: the items, and the next page as a {@code Link}
 * header (RFC 8288) and as {@code nextCursor}, built from the request's own URI so that
 * every other query parameter is kept.
 */
final class Pages {

	private Pages() {
	}

	static <T, R> ResponseEntity<Page<R>> ok(Slice<T> slice, ToLongFunction<T> id, Function<T, R> representation) {
		String next = slice.nextCursor(id);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (next != null) {
			String uri = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("after", next)
				.build()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + uri + ">; rel=\"next\"");
		}
		return response.body(new Page<>(slice.items().stream().map(representation).toList(), next));
	}

}
