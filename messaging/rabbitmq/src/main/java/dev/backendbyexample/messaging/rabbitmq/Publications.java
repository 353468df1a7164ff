package dev.backendbyexample.messaging.rabbitmq;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The publisher's account: how many messages the broker confirmed, how many are still
 * pending (published again until confirmed) and how many it returned as unroutable —
 * never a message silently dropped.
 */
record Publications(long pending, long confirmed, long returned, @Schema(
		description = "Every message not confirmed, oldest first (at most 100).") List<Unconfirmed> notConfirmed) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Unconfirmed(UUID messageId, UUID orderId, String routingKey, @Schema(allowableValues = {
			"PENDING", "RETURNED" }) String status, int attempts, @Nullable String lastError){

	}

}
