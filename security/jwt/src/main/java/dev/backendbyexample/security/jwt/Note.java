package dev.backendbyexample.security.jwt;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user's private note, as answered: the body decrypted.
 *
 * @param id its id
 * @param title shown in lists (stored in the clear)
 * @param body private (stored encrypted)
 * @param createdAt when it was written
 */
record Note(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String body,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt) {

	@Override
	public String toString() {
		// Spring MVC logs the value it writes at DEBUG: not the private body.
		return "Note[id=" + this.id + "]";
	}

}
