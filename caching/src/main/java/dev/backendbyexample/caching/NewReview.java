package dev.backendbyexample.caching;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A review as a client writes it.
 *
 * @param author who writes it
 * @param rating one to five stars
 */
record NewReview(@NotBlank @Size(max = 100) String author, @NotNull @Min(1) @Max(5) Integer rating) {
}
