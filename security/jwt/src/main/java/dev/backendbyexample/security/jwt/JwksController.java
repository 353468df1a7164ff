package dev.backendbyexample.security.jwt;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public keys, so any service can verify this server's tokens without
 * sharing a secret with it.
 */
@RestController
@Tag(name = "Keys", description = "The public keys that verify access tokens")
@SecurityRequirements
class JwksController {

	/** A new key is published at least this long before it signs (see the README). */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(summary = "The JWK Set (RFC 7517): every key that may have signed a live token")
	@ApiResponse(responseCode = "200", description = "The public keys",
			headers = @Header(name = "Cache-Control", schema = @Schema(type = "string")))
	ResponseEntity<SigningKeys.JwkSet> jwks() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(this.keys.jwks());
	}

}
