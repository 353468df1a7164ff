package dev.backendbyexample.caching;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A stampede to run.
 *
 * @param productId the product all readers want, evicted first
 * @param readers how many concurrent readers
 * @param protection how the key is protected
 */
record StampedeRequest(@NotNull @Positive Long productId, @NotNull @Min(1) @Max(500) Integer readers,
		@NotNull Protection protection) {
}
