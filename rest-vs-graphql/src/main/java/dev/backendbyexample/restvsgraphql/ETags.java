package dev.backendbyexample.restvsgraphql;

import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * A user's ETag is its version, quoted: a strong validator that changes with every change
 * of its representation (a new post bumps the author's version, since the post count is
 * part of it). Posts never change, so a post's id is its ETag.
 */
final class ETags {

	/**
	 * Any version: {@code If-Match: *} asks only that the user exists, so the write has
	 * no version predicate (not "the version just read", which a concurrent write would
	 * make a 412).
	 */
	static final @Nullable Set<Long> ANY = null;

	private ETags() {
	}

	static String of(User user) {
		return "\"" + user.version() + "\"";
	}

	static String of(Post post) {
		return "\"p" + post.id() + "\"";
	}

	/**
	 * The versions an {@code If-Match} names: null for {@code *}; for a list such as
	 * {@code "3", "4"}, every strong ETag of ours in it, since the condition holds when
	 * any listed tag matches (RFC 9110, 13.1.1). Anything else (a weak tag, garbage) adds
	 * no version, so a header of nothing else matches no version and answers 412, as the
	 * strong comparison requires.
	 * @throws PreconditionRequired when the header is missing
	 */
	static @Nullable Set<Long> expectedVersions(@Nullable String ifMatch) {
		// exercise:begin if-match
		if (ifMatch == null) {
			throw new PreconditionRequired();
		}
		if (ifMatch.strip().equals("*")) {
			return ANY;
		}
		Set<Long> versions = new TreeSet<>();
		// A comma inside another server's quoted tag splits it into pieces that are not
		// ours (digits between quotes), so they match nothing, as the whole tag would.
		for (String tag : ifMatch.split(",")) {
			String value = tag.strip();
			if (value.matches("\"\\d{1,18}\"")) {
				versions.add(Long.parseLong(value.substring(1, value.length() - 1)));
			}
		}
		return versions;
		// exercise:end if-match
	}

}
