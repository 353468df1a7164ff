package dev.backendbyexample.security.jwt;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A signing key's life, without Spring: it signs while active; once the next key is
 * active it only verifies (its tokens live out their minutes); once removed, its tokens
 * are refused. Also the clock skew, at its edge.
 */
class KeyRotationTests {

	static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	final KeyPair first = TestKeys.generate();

	final KeyPair second = TestKeys.generate();

	final User user = new User(UUID.randomUUID(), "alice", "{noop}", "Alice", Set.of(Role.USER));

	@Test
	void tokenOfThePreviousKeyStaysValidAfterRotationAndIsRefusedOnceTheKeyIsRemoved() {
		SigningKeys before = keys("k1", Map.of("k1", key("k1", this.first, true)));
		String oldToken = tokens(before, NOW).issue(this.user).value();

		SigningKeys rotated = keys("k2",
				Map.of("k1", key("k1", this.first, false), "k2", key("k2", this.second, true)));
		String newToken = tokens(rotated, NOW).issue(this.user).value();

		assertThat(decoder(rotated, NOW).decode(oldToken).getHeaders()).containsEntry("kid", "k1");
		assertThat(decoder(rotated, NOW).decode(newToken).getHeaders()).containsEntry("kid", "k2");
		assertThat(rotated.jwks().keys()).extracting(SigningKeys.PublishedKey::kid)
			.containsExactlyInAnyOrder("k1", "k2");

		SigningKeys retired = keys("k2", Map.of("k2", key("k2", this.second, true)));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(retired, NOW).decode(oldToken))
			.withMessage(JjwtDecoder.INVALID);
		assertThat(decoder(retired, NOW).decode(newToken).getSubject()).isEqualTo(this.user.id().toString());
	}

	@Test
	void publishedKeysCarryNoPrivatePart() {
		SigningKeys keys = keys("k1", Map.of("k1", key("k1", this.first, true)));

		assertThat(keys.jwks().keys()).singleElement()
			.isEqualTo(new SigningKeys.PublishedKey("k1", "EC", "P-256", String.valueOf(keys.active().jwk().get("x")),
					String.valueOf(keys.active().jwk().get("y")), "ES256", "sig"));
		// The record has no field for a private part: none can be published by mistake.
		assertThat(SigningKeys.PublishedKey.class.getRecordComponents()).extracting("name")
			.containsExactly("kid", "kty", "crv", "x", "y", "alg", "use");
	}

	@Test
	void expiredTokenIsAcceptedWithinTheClockSkewAndRefusedBeyondIt() {
		SigningKeys keys = keys("k1", Map.of("k1", key("k1", this.first, true)));
		String token = tokens(keys, NOW).issue(this.user).value();
		Instant expiry = NOW.plus(Duration.ofMinutes(10));

		assertThat(decoder(keys, expiry.plusSeconds(29)).decode(token)).isNotNull();
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> decoder(keys, expiry.plusSeconds(31)).decode(token));
	}

	@Test
	void activeKeyWithoutAPrivatePartIsRefusedAtStart() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> keys("k1", Map.of("k1", key("k1", this.first, false))));
	}

	private static SigningKeys.Key key(String id, KeyPair pair, boolean signs) {
		return new SigningKeys.Key(id, signs ? TestKeys.privateKey(pair) : null, TestKeys.publicKey(pair));
	}

	private static SigningKeys keys(String active, Map<String, SigningKeys.Key> keys) {
		return new SigningKeys(active, new LinkedHashMap<>(keys));
	}

	static JwtProperties properties() {
		return new JwtProperties(Forge.ISSUER, Forge.AUDIENCE, Duration.ofMinutes(10), Duration.ofDays(14),
				Duration.ofDays(30), Duration.ofSeconds(30), new JwtProperties.Signing("unused", Map.of()),
				new JwtProperties.Login(5, 20, Duration.ofMinutes(15)),
				new JwtProperties.Encryption("unused", Map.of()), new JwtProperties.Cors(List.of()), "jwt:");
	}

	private static AccessTokens tokens(SigningKeys keys, Instant now) {
		return new AccessTokens(keys, properties(), Clock.fixed(now, ZoneOffset.UTC));
	}

	private static JjwtDecoder decoder(SigningKeys keys, Instant now) {
		return new JjwtDecoder(keys, properties(), Clock.fixed(now, ZoneOffset.UTC));
	}

}
