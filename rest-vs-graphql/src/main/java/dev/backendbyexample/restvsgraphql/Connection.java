package dev.backendbyexample.restvsgraphql;

import java.util.List;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A Relay cursor connection, GraphQL's page: the same key-based cursors as REST's
 * {@code after}.
 *
 * @param edges the items, each with its cursor
 * @param pageInfo where the page ends
 * @param <T> the node type
 */
record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	static <T> Connection<T> of(Slice<T> slice, ToLongFunction<T> id) {
		List<Edge<T>> edges = slice.items()
			.stream()
			.map((item) -> new Edge<>(Cursor.encode(id.applyAsLong(item)), item))
			.toList();
		String end = edges.isEmpty() ? null : edges.getLast().cursor();
		return new Connection<>(edges, new PageInfo(slice.hasNext(), end));
	}

	/**
	 * One item and the cursor that pages after it.
	 *
	 * @param cursor pass as after to continue after this item
	 * @param node the item
	 * @param <T> the node type
	 */
	record Edge<T>(String cursor, T node) {

	}

	/**
	 * Where a page ends.
	 *
	 * @param hasNextPage whether another page follows
	 * @param endCursor the last edge's cursor
	 */
	record PageInfo(boolean hasNextPage, @Nullable String endCursor) {

	}

}
