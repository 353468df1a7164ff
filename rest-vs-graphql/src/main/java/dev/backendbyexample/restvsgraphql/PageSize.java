package dev.backendbyexample.restvsgraphql;

import java.util.List;

/**
 * GraphQL's {@code first}, bounded as REST's {@code limit} is (1 to 100): the schema
 * cannot say it, so the resolvers check it.
 */
final class PageSize {

	static final int MAX = 100;

	private PageSize() {
	}

	static int of(int first) {
		if (first < 1 || first > MAX) {
			throw new InvalidInput(List.of(InvalidField.parameter("first", "must be between 1 and " + MAX)));
		}
		return first;
	}

}
