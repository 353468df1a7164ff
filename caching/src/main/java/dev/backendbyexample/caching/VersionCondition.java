package dev.backendbyexample.caching;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An {@code If-Match} header: {@code *}, or a list of strong entity tags, one of which
 * must be the product's current one (RFC 9110, section 13.1.1). Weak tags never match a
 * strong comparison.
 *
 * @param any {@code *}: any current version will do
 * @param tags the entity tags, quotes included
 */
record VersionCondition(boolean any, List<String> tags) {

	static VersionCondition parse(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new PreconditionRequired();
		}
		if (ifMatch.strip().equals("*")) {
			return new VersionCondition(true, List.of());
		}
		List<String> tags = new ArrayList<>();
		for (String tag : ifMatch.split(",")) {
			tags.add(tag.strip());
		}
		return new VersionCondition(false, List.copyOf(tags));
	}

	void check(long id, long currentVersion) {
		if (!this.any && !this.tags.contains(Product.etag(id, currentVersion))) {
			throw new VersionMismatch(id, currentVersion);
		}
	}

}
