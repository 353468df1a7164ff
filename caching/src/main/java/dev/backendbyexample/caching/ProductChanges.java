package dev.backendbyexample.caching;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A product as a client writes it: the whole of it, for a create or a replace.
 *
 * @param name the name
 * @param description the description
 * @param priceCents the price in cents
 */
record ProductChanges(@NotBlank @Size(max = 200) String name, @NotNull @Size(max = 2000) String description,
		@NotNull @PositiveOrZero @Max(1_000_000_000) Long priceCents) {
}
