package dev.backendbyexample.restvsgraphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A JSON Merge Patch (RFC 7396) of a user, and GraphQL's {@code UpdateUserInput}: a
 * member absent leaves the field as it is, a member set to {@code null} removes it, any
 * other value replaces it. Removing a required field is refused when the patch is applied
 * ({@link Blog#patchUser}).
 *
 * @param changes the members of the patch, in order, values a String or null
 */
record UserPatch(Map<String, @Nullable String> changes) {

	static final Set<String> FIELDS = Set.of("name", "email", "bio");

	/**
	 * Checks a parsed patch: only the user's fields, each a string or null.
	 * @throws InvalidInput naming every other member
	 */
	static UserPatch of(Map<String, ?> members) {
		Map<String, @Nullable String> changes = new LinkedHashMap<>();
		List<InvalidField> errors = new ArrayList<>();
		members.forEach((name, value) -> {
			if (!FIELDS.contains(name)) {
				errors.add(InvalidField.pointer("/" + name, "unknown property"));
			}
			else if (value != null && !(value instanceof String)) {
				errors.add(InvalidField.pointer("/" + name, "must be a string or null"));
			}
			else {
				changes.put(name, (String) value);
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return new UserPatch(changes);
	}

	/**
	 * The user's fields with this patch applied; constraints are checked by the caller.
	 */
	UserDraft applyTo(User user) {
		return new UserDraft(value("name", user.name()), value("email", user.email()), value("bio", user.bio()));
	}

	@SuppressWarnings("NullAway") // a removed required field is null here, and refused by
									// validation
	private @Nullable String value(String field, @Nullable String current) {
		return this.changes.containsKey(field) ? this.changes.get(field) : current;
	}

}
