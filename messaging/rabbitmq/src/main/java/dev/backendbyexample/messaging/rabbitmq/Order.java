package dev.backendbyexample.messaging.rabbitmq;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it: where its message went, and which consumers applied it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Order(UUID id, String customer, String sku, int quantity, String region, Priority priority,
		@Schema(allowableValues = {
				"PLACED", "FULFILLED" }) String status,
		OffsetDateTime placedAt, @Nullable OffsetDateTime fulfilledAt,
		@Schema(description = "The outbox's state of the order's message: PENDING until the broker confirms it, "
				+ "CONFIRMED when stored by every queue it was routed to, RETURNED when no queue was bound to its key.",
				allowableValues = { "PENDING", "CONFIRMED", "RETURNED" }) String publication,
		@Schema(description = "The consumers (queues) that applied the message, once each.") List<String> appliedBy){

}
