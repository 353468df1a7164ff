package dev.backendbyexample.caching;

/**
 * {@code If-None-Match} as RFC 9110 (section 13.1.2) reads it: {@code *} or a list of
 * entity tags, compared weakly (a {@code W/} prefix is ignored).
 */
final class EntityTags {

	private EntityTags() {
	}

	static boolean anyMatches(String ifNoneMatch, String etag) {
		for (String tag : ifNoneMatch.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*")) {
				return true;
			}
			if (candidate.startsWith("W/")) {
				candidate = candidate.substring(2);
			}
			if (candidate.equals(etag)) {
				return true;
			}
		}
		return false;
	}

}
