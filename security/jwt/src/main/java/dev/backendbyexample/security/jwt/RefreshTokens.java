package dev.backendbyexample.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opaque refresh tokens: 256 random bits, stored only as their SHA-256, one family per
 * login. Every use rotates the token (the used one is marked, a new one issued in the
 * same family); a second use of a used token means two parties hold it, so the whole
 * family is revoked, the thief's and the owner's tokens alike (RFC 9700, 4.14.2). Logout
 * revokes the family too. A family ends at an absolute time set at login: a successor
 * expires at the earlier of that and its own time to live, so a session refreshed however
 * often still ends.
 */
@Component
class RefreshTokens {

	private static final Log logger = LogFactory.getLog(RefreshTokens.class);

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JwtProperties properties;

	private final Clock clock;

	RefreshTokens(JdbcClient jdbc, TransactionTemplate transactions, JwtProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** A new family for a login, and its first token. */
	String startFamily(UUID userId) {
		UUID family = UUID.randomUUID();
		return this.transactions.execute((status) -> {
			this.jdbc.sql("insert into refresh_token_families (id, user_id, expires_at) values (:id, :user, :expires)")
				.param("id", family)
				.param("user", userId)
				.param("expires", Timestamp.from(this.clock.instant().plus(this.properties.refreshFamilyTtl())))
				.update();
			return issue(family);
		});
	}

	/**
	 * Uses a refresh token: answers whose it was and its successor, or throws.
	 * @throws RefreshTokenRejected for an unknown, expired, revoked or used token; a used
	 * one revokes its family first
	 */
	Rotated rotate(String presented) {
		Outcome outcome = this.transactions.execute((status) -> rotateLocked(hash(presented)));
		if (outcome instanceof Rotated rotated) {
			return rotated;
		}
		// Thrown only now, after the transaction committed: a revocation must not roll
		// back.
		throw new RefreshTokenRejected();
	}

	/** Revokes the family of a refresh token (logout); unknown tokens are ignored. */
	void revokeFamilyOf(String presented) {
		this.jdbc.sql("""
				update refresh_token_families set revoked_at = now(), revoked_reason = 'logout'
				where revoked_at is null
				  and id = (select family_id from refresh_tokens where token_hash = :hash)""")
			.param("hash", hash(presented))
			.update();
	}

	/** Revokes every family of a user, e.g. when its roles change. */
	void revokeAllOf(UUID userId, String reason) {
		this.jdbc.sql("""
				update refresh_token_families set revoked_at = now(), revoked_reason = :reason
				where user_id = :user and revoked_at is null""").param("reason", reason).param("user", userId).update();
	}

	private Outcome rotateLocked(byte[] hash) {
		// exercise:begin refresh-rotation
		// Locks the family row: concurrent uses of tokens of one family take turns, so of
		// two uses of the same token exactly one sees it unused.
		Optional<Row> found = this.jdbc.sql("""
				select f.id as family_id, f.user_id, f.revoked_at, t.expires_at, t.used_at
				from refresh_tokens t join refresh_token_families f on f.id = t.family_id
				where t.token_hash = :hash
				for update of f, t""")
			.param("hash", hash)
			.query((rs, n) -> new Row(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getTimestamp("revoked_at") != null, rs.getTimestamp("expires_at").toInstant(),
					rs.getTimestamp("used_at") != null))
			.optional();
		if (found.isEmpty()) {
			logger.info("Refresh refused: unknown token");
			return Outcome.REJECTED;
		}
		Row row = found.get();
		if (row.revoked()) {
			logger.info("Refresh refused: family " + row.family() + " is revoked");
			return Outcome.REJECTED;
		}
		if (row.used()) {
			logger.warn("Refresh token reused: revoking family " + row.family() + " of user " + row.user());
			this.jdbc.sql("""
					update refresh_token_families set revoked_at = now(), revoked_reason = 'reuse'
					where id = :family""").param("family", row.family()).update();
			return Outcome.REJECTED;
		}
		if (!row.expiresAt().isAfter(this.clock.instant())) {
			logger.info("Refresh refused: token of family " + row.family() + " expired");
			return Outcome.REJECTED;
		}
		this.jdbc.sql("update refresh_tokens set used_at = now() where token_hash = :hash")
			.param("hash", hash)
			.update();
		return new Rotated(row.user(), issue(row.family()));
		// exercise:end refresh-rotation
	}

	private String issue(UUID family) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expiresAt = this.clock.instant().plus(this.properties.refreshTokenTtl());
		// Never beyond the family's end: without it, rotating every few days would keep a
		// stolen (or forgotten) session alive forever.
		this.jdbc.sql("""
				insert into refresh_tokens (token_hash, family_id, expires_at)
				select :hash, f.id, least(f.expires_at, :expires) from refresh_token_families f where f.id = :family""")
			.param("hash", hash(token))
			.param("family", family)
			.param("expires", Timestamp.from(expiresAt))
			.update();
		return token;
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	/** What a rotation came to. */
	sealed interface Outcome permits Rotated, Rejected {

		Outcome REJECTED = new Rejected();

	}

	/**
	 * A successful rotation.
	 *
	 * @param userId whose family it is
	 * @param token the new refresh token
	 */
	record Rotated(UUID userId, String token) implements Outcome {

		@Override
		public String toString() {
			return "Rotated[userId=" + this.userId + "]";
		}

	}

	/** A refused one. */
	record Rejected() implements Outcome {
	}

	private record Row(UUID family, UUID user, boolean revoked, Instant expiresAt, boolean used) {
	}

}
