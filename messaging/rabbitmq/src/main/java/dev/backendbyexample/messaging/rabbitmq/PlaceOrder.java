package dev.backendbyexample.messaging.rabbitmq;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What a client sends to place an order. The region is any short lower-case word: the
 * publisher does not know which regions have a warehouse (the broker's bindings do),
 * which is exactly why it publishes with {@code mandatory}.
 */
record PlaceOrder(
		@Schema(example = "ada", maxLength = 40) @NotNull @Pattern(regexp = "[a-z0-9-]{1,40}") String customer,
		@Schema(example = "BOOK", maxLength = 20) @NotNull @Pattern(regexp = "[A-Z0-9-]{1,20}") String sku,
		@Schema(example = "1", minimum = "1", maximum = "1000") @Min(1) @Max(1000) int quantity,
		@Schema(example = "eu", maxLength = 12) @NotNull @Pattern(regexp = "[a-z]{2,12}") String region,
		@Schema(example = "express") @NotNull Priority priority) {

}
