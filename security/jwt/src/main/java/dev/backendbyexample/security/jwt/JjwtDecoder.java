package dev.backendbyexample.security.jwt;

import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Spring Security's {@link JwtDecoder}, implemented with jjwt: the resource-server filter
 * hands it every bearer token, and whatever it refuses becomes a 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}.
 * <p>
 * A token is accepted only if it is at most {@link #MAX_LENGTH} characters, is an ES256
 * JWS whose {@code kid} names a key of this server (one algorithm per key: the token's
 * {@code alg} is checked against the key, never trusted to pick it), has type
 * {@code at+jwt}, this issuer and audience, an {@code exp} in the future and an
 * {@code iat}, {@code sub} and {@code jti}, all within {@code clock-skew}. Headers that
 * point at other keys ({@code jku}, {@code x5u}, {@code jwk}) are never followed: the key
 * comes from the {@code kid} lookup alone.
 */
class JjwtDecoder implements JwtDecoder {

	/** Far above a real token (about 500 characters), far below what costs to parse. */
	static final int MAX_LENGTH = 4096;

	/** The same words for every refusal: the reason goes to the log, not the attacker. */
	static final String INVALID = "The access token is invalid or expired";

	private static final Log logger = LogFactory.getLog(JjwtDecoder.class);

	private final JwtParser parser;

	JjwtDecoder(SigningKeys keys, JwtProperties properties, Clock clock) {
		this.parser = Jwts.parser()
			.keyLocator(new KeyByKid(keys))
			.requireIssuer(properties.issuer())
			.requireAudience(properties.audience())
			.clockSkewSeconds(properties.clockSkew().toSeconds())
			.clock(() -> Date.from(clock.instant()))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (token.length() > MAX_LENGTH) {
			throw refused("longer than " + MAX_LENGTH + " characters");
		}
		Jws<Claims> jws;
		try {
			jws = this.parser.parseSignedClaims(token);
		}
		catch (io.jsonwebtoken.JwtException | IllegalArgumentException ex) {
			throw refused(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		JwsHeader header = jws.getHeader();
		Claims claims = jws.getPayload();
		if (!AccessTokens.TYPE.equals(header.getType())) {
			throw refused("typ is not " + AccessTokens.TYPE);
		}
		if (claims.getExpiration() == null || claims.getIssuedAt() == null || claims.getSubject() == null
				|| claims.getId() == null) {
			throw refused("exp, iat, sub or jti is missing");
		}
		return Jwt.withTokenValue(token)
			.header("alg", header.getAlgorithm())
			.header("kid", header.getKeyId())
			.header("typ", header.getType())
			.issuer(claims.getIssuer())
			.audience(List.copyOf(claims.getAudience()))
			.subject(claims.getSubject())
			.issuedAt(instant(claims.getIssuedAt()))
			.expiresAt(instant(claims.getExpiration()))
			.jti(claims.getId())
			.claim("roles", roles(claims))
			.build();
	}

	private static List<String> roles(Claims claims) {
		Object roles = claims.get("roles");
		if (roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			return list.stream().map(String.class::cast).toList();
		}
		throw refused("roles is not a list of strings");
	}

	private static Instant instant(Date date) {
		return date.toInstant();
	}

	private static BadJwtException refused(String reason) {
		// Debug only: a token is a credential, and this reason quotes none of it.
		if (logger.isDebugEnabled()) {
			logger.debug("Access token refused: " + reason.replaceAll("[\\r\\n]", " "));
		}
		return new BadJwtException(INVALID);
	}

	/**
	 * The verification key is the one the {@code kid} names, and only for its one
	 * algorithm: an {@code alg} of HS256 with our public key as the "secret" (key
	 * confusion) or of none is refused here or by jjwt before any signature check.
	 */
	private static final class KeyByKid extends LocatorAdapter<Key> {

		private final SigningKeys keys;

		KeyByKid(SigningKeys keys) {
			this.keys = keys;
		}

		@Override
		protected Key locate(ProtectedHeader header) {
			if (!SigningKeys.ALGORITHM.equals(header.getAlgorithm())) {
				throw new io.jsonwebtoken.security.SecurityException("alg is not " + SigningKeys.ALGORITHM);
			}
			return this.keys.verificationKey(header.getKeyId())
				.map(SigningKeys.Key::publicKey)
				.orElseThrow(() -> new io.jsonwebtoken.security.SecurityException("unknown kid"));
		}

		@Override
		protected Key doLocate(Header header) {
			throw new io.jsonwebtoken.UnsupportedJwtException("not a signed token");
		}

	}

}
