package dev.backendbyexample.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Refresh tokens rotate on every use; a used one presented again revokes its whole family
 * (theft detection); logout revokes; an expired, revoked or unknown one is a 401; and
 * they are stored only as hashes. However often it is refreshed, a login ends at its
 * family's absolute expiry.
 */
@JwtIntegrationTest
class RefreshTokensIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JwtProperties properties;

	Api api;

	String username;

	@BeforeEach
	void user() {
		this.api = new Api(this.port);
		this.username = this.api.registerUser();
	}

	@Test
	void refreshRotatesTheTokenAndAnswersAWorkingAccessToken() {
		Api.Tokens first = this.api.tokens(this.username);

		ResponseEntity<String> response = this.api.refresh(first.refresh());

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		Api.Tokens second = Api.Tokens.of(response.getBody());
		assertThat(second.refresh()).isNotEqualTo(first.refresh());
		assertThat(this.api.get("/me", second.access()).getStatusCode().value()).isEqualTo(200);
		assertThat(this.api.refresh(second.refresh()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void replayedRefreshTokenThen401AndTheWholeFamilyIsRevoked() {
		Api.Tokens stolen = this.api.tokens(this.username);
		// The owner refreshes first; the thief then replays the copy it stole.
		Api.Tokens owners = Api.Tokens.of(this.api.refresh(stolen.refresh()).getBody());

		ResponseEntity<String> replay = this.api.refresh(stolen.refresh());

		assertThat(replay.getStatusCode().value()).isEqualTo(401);
		assertThat(replay.getBody()).contains("invalid-refresh-token");
		// The owner's current token dies with the family: whoever holds it must log in
		// again.
		assertThat(this.api.refresh(owners.refresh()).getStatusCode().value()).isEqualTo(401);
		assertThat(familyRevokedFor(owners.refresh())).isEqualTo("reuse");
	}

	@Test
	void otherLoginsOfTheSameUserSurviveAReuseInOneFamily() {
		Api.Tokens phone = this.api.tokens(this.username);
		Api.Tokens laptop = this.api.tokens(this.username);
		this.api.refresh(phone.refresh());

		this.api.refresh(phone.refresh());

		assertThat(this.api.refresh(laptop.refresh()).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void logoutRevokesTheFamilyThen401() {
		Api.Tokens tokens = this.api.tokens(this.username);

		assertThat(this.api.logout(tokens.refresh()).getStatusCode().value()).isEqualTo(204);

		assertThat(this.api.refresh(tokens.refresh()).getStatusCode().value()).isEqualTo(401);
		assertThat(familyRevokedFor(tokens.refresh())).isEqualTo("logout");
	}

	@Test
	void expiredRefreshTokenThen401() {
		Api.Tokens tokens = this.api.tokens(this.username);
		this.jdbc.sql("update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = :hash")
			.param("hash", RefreshTokens.hash(tokens.refresh()))
			.update();

		assertThat(this.api.refresh(tokens.refresh()).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void unknownRefreshTokenAndAccessTokenUsedAsRefreshTokenThen401() {
		Api.Tokens tokens = this.api.tokens(this.username);

		assertThat(this.api.refresh("A".repeat(43)).getStatusCode().value()).isEqualTo(401);
		assertThat(this.api.refresh(tokens.access()).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void refreshTokensAreStoredOnlyAsHashes() {
		Api.Tokens tokens = this.api.tokens(this.username);

		List<byte[]> stored = this.jdbc.sql("select token_hash from refresh_tokens").query(byte[].class).list();

		assertThat(stored).anySatisfy((hash) -> assertThat(hash).isEqualTo(RefreshTokens.hash(tokens.refresh())));
		assertThat(this.jdbc.sql("select count(*) from refresh_tokens where encode(token_hash, 'escape') like :token")
			.param("token", "%" + tokens.refresh() + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void sixteenConcurrentUsesOfOneRefreshTokenRotateItAtMostOnce() throws Exception {
		// 16 threads present the same token at once. The family row is locked, so the
		// uses
		// take turns: the first rotates it, every other sees it used and revokes the
		// family.
		Api.Tokens tokens = this.api.tokens(this.username);
		int threads = 16;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			statuses.add(pool.submit(() -> {
				start.await();
				return new Api(this.port).refresh(tokens.refresh()).getStatusCode().value();
			}));
		}
		start.countDown();
		List<Integer> answers = new ArrayList<>();
		for (Future<Integer> status : statuses) {
			answers.add(status.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(answers).containsOnly(200, 401);
		assertThat(answers.stream().filter((status) -> status == 200)).hasSize(1);
		assertThat(familyRevokedFor(tokens.refresh())).isEqualTo("reuse");
		assertThat(this.jdbc.sql("""
				select count(*) from refresh_tokens t join refresh_tokens u on u.family_id = t.family_id
				where t.token_hash = :hash""")
			.param("hash", RefreshTokens.hash(tokens.refresh()))
			.query(Long.class)
			.single()).as("the first token and exactly one successor").isEqualTo(2);
	}

	@Test
	void familyRefreshedEveryWeekStillEndsAtItsAbsoluteExpiry() {
		// The clock is moved by hand: 14-day tokens, a 30-day family, a refresh every 7
		// days. Each successor alone would live 14 more days; the family caps it.
		HandMovedClock clock = new HandMovedClock(Instant.parse("2026-01-01T00:00:00Z"));
		RefreshTokens tokens = new RefreshTokens(this.jdbc, this.transactions, this.properties, clock);
		Instant login = clock.instant();
		String token = tokens.startFamily(userId());
		for (int day = 7; day <= 28; day += 7) {
			clock.moveTo(login.plus(Duration.ofDays(day)));
			token = tokens.rotate(token).token();
		}
		clock.moveTo(login.plus(Duration.ofDays(29)));
		token = tokens.rotate(token).token();
		assertThat(expiresAt(token)).as("capped by the family, not 29 + 14 days")
			.isEqualTo(login.plus(this.properties.refreshFamilyTtl()));

		clock.moveTo(login.plus(this.properties.refreshFamilyTtl()));
		String last = token;

		assertThatExceptionOfType(RefreshTokenRejected.class).isThrownBy(() -> tokens.rotate(last));
	}

	private UUID userId() {
		return this.jdbc.sql("select id from users where username = :username")
			.param("username", this.username)
			.query(UUID.class)
			.single();
	}

	private Instant expiresAt(String refreshToken) {
		return this.jdbc.sql("select expires_at from refresh_tokens where token_hash = :hash")
			.param("hash", RefreshTokens.hash(refreshToken))
			.query((rs, n) -> rs.getTimestamp("expires_at").toInstant())
			.single();
	}

	private String familyRevokedFor(String refreshToken) {
		return this.jdbc
			.sql("""
					select coalesce(f.revoked_reason, 'not revoked') from refresh_token_families f join refresh_tokens t on t.family_id = f.id
					where t.token_hash = :hash""")
			.param("hash", RefreshTokens.hash(refreshToken))
			.query(String.class)
			.single();
	}

	/** A clock only the test moves. */
	private static final class HandMovedClock extends Clock {

		private Instant now;

		HandMovedClock(Instant now) {
			this.now = now;
		}

		void moveTo(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
