package dev.backendbyexample.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

/**
 * Builds tokens the way an attacker, or the server, would: valid ones signed with the
 * tests' current key, then broken one claim or header at a time.
 */
final class Forge {

	static final String ISSUER = "https://backendbyexample.dev/security/jwt";

	static final String AUDIENCE = "backendbyexample-api";

	private Forge() {
	}

	/** A builder for a token the server would accept, signed with the current key. */
	static JwtBuilder valid(UUID subject, String... roles) {
		Instant now = Instant.now();
		return Jwts.builder()
			.header()
			.keyId(TestKeys.CURRENT_ID)
			.type(AccessTokens.TYPE)
			.and()
			.issuer(ISSUER)
			.audience()
			.add(AUDIENCE)
			.and()
			.subject(subject.toString())
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofMinutes(10))))
			.id(UUID.randomUUID().toString())
			.claim("roles", List.of(roles))
			.signWith(TestKeys.privateKey(TestKeys.CURRENT), Jwts.SIG.ES256);
	}

	static JwtBuilder signedWith(JwtBuilder builder, PrivateKey key) {
		return builder.signWith(key, Jwts.SIG.ES256);
	}

	/** The unsecured JWT of RFC 7519 6.1: {@code alg: none}, no signature. */
	static String unsecured(String headerJson, String payloadJson) {
		return base64(headerJson) + "." + base64(payloadJson) + ".";
	}

	/** Replaces a signed token's payload, keeping its header and signature. */
	static String withPayload(String token, String payloadJson) {
		String[] parts = token.split("\\.");
		return parts[0] + "." + base64(payloadJson) + "." + parts[2];
	}

	static String payloadOf(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
