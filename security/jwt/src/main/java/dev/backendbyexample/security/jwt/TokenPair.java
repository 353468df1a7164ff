package dev.backendbyexample.security.jwt;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a login or a refresh answers (shaped like OAuth 2's token response, RFC 6749 5.1).
 *
 * @param accessToken the JWT to send as {@code Authorization: Bearer …}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds the access token lives
 * @param refreshToken the opaque token for {@code POST /auth/refresh}; used once
 */
record TokenPair(
		@Schema(description = "ES256-signed JWT; send as Authorization: Bearer <token>",
				requiredMode = Schema.RequiredMode.REQUIRED) String accessToken,
		@Schema(example = "Bearer", requiredMode = Schema.RequiredMode.REQUIRED) String tokenType,
		@Schema(example = "600", requiredMode = Schema.RequiredMode.REQUIRED) long expiresIn,
		@Schema(description = "Opaque, single use: each refresh answers a new one",
				requiredMode = Schema.RequiredMode.REQUIRED) String refreshToken) {

	@Override
	public String toString() {
		return "TokenPair[expiresIn=" + this.expiresIn + "]";
	}

}
