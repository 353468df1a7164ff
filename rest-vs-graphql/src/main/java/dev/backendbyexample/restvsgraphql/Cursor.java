package dev.backendbyexample.restvsgraphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * An opaque page cursor: the last id seen, base64url-encoded so that clients pass it back
 * rather than build it (the encoding may change; the contract is "the next page").
 */
final class Cursor {

	private static final String PREFIX = "id:";

	private Cursor() {
	}

	static String encode(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The id a cursor names, or null for none.
	 * @throws InvalidCursor if it is not a cursor this API made
	 */
	static @Nullable Long decode(@Nullable String cursor, String parameter) {
		if (cursor == null) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (text.startsWith(PREFIX)) {
				return Long.parseLong(text.substring(PREFIX.length()));
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64, or not a number: the same answer below
		}
		throw new InvalidCursor(parameter);
	}

}
