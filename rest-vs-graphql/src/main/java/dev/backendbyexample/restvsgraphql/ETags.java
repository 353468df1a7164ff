package dev.backendbyexample.restvsgraphql;

import org.jspecify.annotations.Nullable;

/**
 * A user's ETag is its version, quoted: a strong validator that changes with every change
 * of its representation (a new post bumps the author's version, since the post count is
 * part of it). Posts never change, so a post's id is its ETag.
 */
final class ETags {

	/** Any version: {@code If-Match: *}. */
	static final @Nullable Long ANY = null;

	private ETags() {
	}

	static String of(User user) {
		return "\"" + user.version() + "\"";
	}

	static String of(Post post) {
		return "\"p" + post.id() + "\"";
	}

	/**
	 * The version an {@code If-Match} names: null for {@code *}; -1 for anything that is
	 * not one of our strong ETags (a weak one, a list, garbage), which matches no version
	 * and so answers 412, as RFC 9110's strong comparison requires.
	 * @throws PreconditionRequired when the header is missing
	 */
	static @Nullable Long expectedVersion(@Nullable String ifMatch) {
		// exercise:begin if-match
		if (ifMatch == null) {
			throw new PreconditionRequired();
		}
		String value = ifMatch.strip();
		if (value.equals("*")) {
			return ANY;
		}
		if (value.matches("\"\\d{1,18}\"")) {
			return Long.parseLong(value.substring(1, value.length() - 1));
		}
		return -1L;
		// exercise:end if-match
	}

}
