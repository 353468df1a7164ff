package dev.backendbyexample.restvsgraphql;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A page of a REST collection; the same cursors are in the {@code Link} header
 * ({@code rel="next"}).
 *
 * @param items this page
 * @param nextCursor pass as {@code after} for the next page; absent on the last page
 * @param <T> the item type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Page<T>(List<T> items, @Schema(
		description = "Pass as after= for the next page; absent on the last page.") @Nullable String nextCursor) {

}
