package dev.backendbyexample.messaging.rabbitmq;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A message the dead-letter queue received, kept for inspection and replay.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeadLetter(long id, @Nullable String messageId,
		@Schema(description = "The queue it was dead-lettered from, where a replay sends it back.") String queue,
		@Schema(description = "Why: the consumer's reason (poison, retries exhausted) or the broker's "
				+ "(delivery_limit, rejected, expired).") String reason,
		@Schema(description = "Deliveries it had before it was dead-lettered (over the broker's delivery limit: "
				+ "the limit plus one).") int attempts,
		String body, OffsetDateTime deadLetteredAt, @Nullable OffsetDateTime replayedAt) {

}
