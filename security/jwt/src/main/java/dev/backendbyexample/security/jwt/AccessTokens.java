package dev.backendbyexample.security.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;

import org.springframework.stereotype.Component;

/**
 * Issues access tokens: short-lived ES256 JWTs carrying who ({@code sub}), for whom
 * ({@code iss}, {@code aud}), until when ({@code iat}, {@code exp}), which one
 * ({@code jti}) and what it may do ({@code roles}).
 */
@Component
class AccessTokens {

	/** RFC 9068's type: no other kind of JWT this server might sign passes as one. */
	static final String TYPE = "at+jwt";

	private final SigningKeys keys;

	private final JwtProperties properties;

	private final Clock clock;

	AccessTokens(SigningKeys keys, JwtProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	IssuedToken issue(User user) {
		SigningKeys.Key key = this.keys.active();
		Instant now = this.clock.instant();
		Instant expiry = now.plus(this.properties.accessTokenTtl());
		String token = Jwts.builder()
			.header()
			.keyId(key.id())
			.type(TYPE)
			.and()
			.issuer(this.properties.issuer())
			.audience()
			.add(this.properties.audience())
			.and()
			.subject(user.id().toString())
			.issuedAt(Date.from(now))
			.expiration(Date.from(expiry))
			.id(UUID.randomUUID().toString())
			.claim("roles", user.roles().stream().map(Role::name).sorted().toList())
			.signWith(key.privateKey(), Jwts.SIG.ES256)
			.compact();
		return new IssuedToken(token, this.properties.accessTokenTtl().toSeconds());
	}

	/**
	 * A token and its lifetime.
	 *
	 * @param value the compact JWT
	 * @param expiresInSeconds its lifetime
	 */
	record IssuedToken(String value, long expiresInSeconds) {
	}

}
