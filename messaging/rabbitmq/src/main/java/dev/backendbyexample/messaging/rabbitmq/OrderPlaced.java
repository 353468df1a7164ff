package dev.backendbyexample.messaging.rabbitmq;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The message every consumer receives, as JSON. Consumers validate it again: a message on
 * a queue is input like any other, and a bad one must not loop.
 */
record OrderPlaced(@NotNull UUID orderId, @NotNull @Pattern(regexp = "[a-z0-9-]{1,40}") String customer,
		@NotNull @Pattern(regexp = "[A-Z0-9-]{1,20}") String sku, @Min(1) @Max(1000) int quantity,
		@NotNull @Pattern(regexp = "[a-z]{2,12}") String region, @NotNull Priority priority) {

	String routingKey() {
		return Topology.routingKey(this.region, this.priority.name());
	}

}
