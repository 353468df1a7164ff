package dev.backendbyexample.security.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Brute force is limited per account (5 attempts in 15 minutes, from anywhere) and per
 * address (here 12, at any accounts), counted in Redis before the password is checked, so
 * the limit holds under concurrency and a blocked guess costs no hash.
 */
@SpringBootTest(classes = { JwtApplication.class, JwtServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "jwt.login.max-attempts-per-address=12")
@ContextConfiguration(initializers = TestKeys.class)
class LoginLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Authentication authentication;

	@Autowired
	Users users;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void sixthAttemptAtOneAccountThen429WithRetryAfterEvenWithTheRightPassword() {
		String username = this.authentication.register(Api.newUsername(), Api.PASSWORD, "x").username();
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.login(username, "wrong password " + i).getStatusCode().value()).isEqualTo(401);
		}

		ResponseEntity<String> blocked = this.api.login(username, Api.PASSWORD);

		assertThat(blocked.getStatusCode().value()).isEqualTo(429);
		long retryAfter = Long.parseLong(blocked.getHeaders().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 15 * 60L);
		assertThat(blocked.getBody()).contains("too-many-login-attempts");
	}

	// The tests below call the service with addresses of their own: over HTTP every
	// request comes from 127.0.0.1, which has a limit of 12 here.

	@Test
	void successfulLoginResetsTheAccountsCount() {
		String username = this.authentication.register(Api.newUsername(), Api.PASSWORD, "x").username();
		String address = "192.0.2.1";
		for (int i = 0; i < 4; i++) {
			wrongPassword(username, address);
		}
		assertThatNoException().isThrownBy(() -> this.authentication.login(username, Api.PASSWORD, address));

		for (int i = 0; i < 4; i++) {
			wrongPassword(username, "192.0.2.2");
		}
	}

	@Test
	void unknownAccountIsLimitedLikeAKnownOneSoTheLimitDoesNotTellWhichExist() {
		String unknown = Api.newUsername();
		for (int i = 0; i < 5; i++) {
			wrongPassword(unknown, "192.0.2.3");
		}

		assertThatExceptionOfType(TooManyLoginAttempts.class)
			.isThrownBy(() -> this.authentication.login(unknown, "guess", "192.0.2.4"));
	}

	private void wrongPassword(String username, String address) {
		assertThatExceptionOfType(InvalidCredentials.class)
			.isThrownBy(() -> this.authentication.login(username, "wrong password", address));
	}

	@Test
	void passwordSprayingFromOneAddressIsStoppedAfterTwelveAttemptsAtAnyAccounts() {
		// One guess at each of many accounts: the per-account limit never triggers, the
		// per-address one does. Called below HTTP, to spray from an address of its own.
		String address = "198.51.100.7";
		for (int i = 0; i < 12; i++) {
			assertThatExceptionOfType(InvalidCredentials.class)
				.isThrownBy(() -> this.authentication.login(Api.newUsername(), "Summer2026!", address));
		}

		assertThatExceptionOfType(TooManyLoginAttempts.class)
			.isThrownBy(() -> this.authentication.login(Api.newUsername(), "Summer2026!", address));
		// Another address is not affected.
		String user = this.authentication.register(Api.newUsername(), Api.PASSWORD, "x").username();
		assertThatNoException().isThrownBy(() -> this.authentication.login(user, Api.PASSWORD, "203.0.113.9"));
	}

	@Test
	void twentyConcurrentGuessesAtOneAccountAdmitExactlyFive() throws Exception {
		// 20 threads released at once: were failures counted after the hash, all 20 could
		// pass a "fewer than 5" check first. Counted atomically before it, exactly 5
		// pass.
		String username = this.authentication.register(Api.newUsername(), Api.PASSWORD, "x").username();
		String address = "192.0.2.20";
		int threads = 20;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> outcomes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int guess = i;
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					this.authentication.login(username, "guess " + guess, address);
					return "logged in";
				}
				catch (InvalidCredentials ex) {
					return "401";
				}
				catch (TooManyLoginAttempts ex) {
					return "429";
				}
			}));
		}
		start.countDown();
		List<String> answers = new ArrayList<>();
		for (Future<String> outcome : outcomes) {
			answers.add(outcome.get(120, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(answers.stream().filter("401"::equals)).hasSize(5);
		assertThat(answers.stream().filter("429"::equals)).hasSize(15);
	}

}
