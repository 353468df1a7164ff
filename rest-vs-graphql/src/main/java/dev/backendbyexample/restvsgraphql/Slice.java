package dev.backendbyexample.restvsgraphql;

import java.util.List;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list ordered by id, and whether more follow. Both APIs page by key (the
 * last id seen), never by offset: a page costs one index range however deep it is.
 *
 * @param items the page's items
 * @param hasNext whether another page follows
 * @param <T> the item type
 */
record Slice<T>(List<T> items, boolean hasNext) {

	/** Reads one row more than asked, to know whether a next page exists. */
	static <T> Slice<T> of(List<T> rows, int limit) {
		return (rows.size() > limit) ? new Slice<>(rows.subList(0, limit), true) : new Slice<>(rows, false);
	}

	/** The cursor of the next page, or null on the last one. */
	@Nullable String nextCursor(ToLongFunction<T> id) {
		return (this.hasNext && !this.items.isEmpty()) ? Cursor.encode(id.applyAsLong(this.items.getLast())) : null;
	}

}
