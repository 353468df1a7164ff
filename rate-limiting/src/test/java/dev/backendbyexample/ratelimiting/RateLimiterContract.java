package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.Decision;
import dev.backendbyexample.ratelimiting.algorithm.InMemoryRateLimiters;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.algorithm.RateLimiter;
import dev.backendbyexample.ratelimiting.redis.RedisRateLimiter;
import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The contract every limiter keeps, in memory and on Redis (its Lua script), all driven
 * by the same hand-moved clock. Windows are 10 s of clock time, so a slow machine cannot
 * make a key expire between two steps. A subclass says where Redis is: one server
 * ({@link RateLimiterContractIntegrationTests}) or a cluster
 * ({@link RedisClusterIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RateLimiterContract {

	static final Duration WINDOW = Duration.ofSeconds(10);

	static final Limit TEN_PER_WINDOW = Limit.of(10, WINDOW);

	/** The Redis the scripts run on. */
	abstract ScriptedRedis redis();

	/** Prepended to every key, so the harness can remove them. */
	abstract String keyPrefix();

	/**
	 * Connected before the first test: on a loaded machine the first handshake can exceed
	 * the 250 ms command timeout, and the outage handling that absorbs it in the
	 * application (the circuit breaker) is not what this suite is about.
	 */
	@BeforeAll
	void redisAnswers() {
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "PONG".equals(redis().commands().ping()));
	}

	Stream<Arguments> implementations() {
		List<Arguments> all = new ArrayList<>();
		for (Algorithm algorithm : Algorithm.values()) {
			all.add(Arguments.of(algorithm, "memory"));
			all.add(Arguments.of(algorithm, "redis"));
		}
		return all.stream();
	}

	RateLimiter limiter(Algorithm algorithm, String backend, Limit limit, MutableClock clock) {
		return backend.equals("memory") ? InMemoryRateLimiters.create(algorithm, limit, clock)
				: new RedisRateLimiter(redis(), algorithm, limit, keyPrefix() + "contract:", clock);
	}

	static String freshKey() {
		return "client-" + UUID.randomUUID();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void admitsTheWholeLimitAtOnceWithRemainingFallingThenRejects(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		for (int i = 1; i <= 10; i++) {
			Decision decision = limiter.tryAcquire(key);
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).isEqualTo(10 - i);
			assertThat(decision.retryAfter()).isZero();
		}
		Decision rejected = limiter.tryAcquire(key);
		assertThat(rejected.allowed()).isFalse();
		assertThat(rejected.remaining()).isZero();
		// Within a window, except for the sliding counter: its current count still weighs
		// in the next window, so it may take up to two.
		assertThat(rejected.retryAfter()).isPositive()
			.isLessThanOrEqualTo((algorithm == Algorithm.SLIDING_WINDOW_COUNTER) ? WINDOW.multipliedBy(2) : WINDOW);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void admitsAgainExactlyWhenRetryAfterSaysSo(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		clock.advance(Duration.ofMillis(3_700));
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		for (int round = 0; round < 3; round++) {
			Decision rejected = exhaust(limiter, key);
			Duration retryAfter = rejected.retryAfter();
			clock.advance(retryAfter.minusNanos(1000));
			assertThat(limiter.tryAcquire(key).allowed()).as("1 us before retry-after").isFalse();
			clock.advance(Duration.ofNanos(1000));
			assertThat(limiter.tryAcquire(key).allowed()).as("at retry-after").isTrue();
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void refillsTheWholeLimitAfterOneIdleWindow(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		exhaust(limiter, key);
		// The sliding counter still weighs the previous window: a whole idle window
		// after the busy one is what it takes to forget it.
		clock.advance(WINDOW.multipliedBy(2));
		assertThat(admitted(limiter, key, 15)).isEqualTo(10);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void boundaryBurstAdmitsTwiceTheRateOnlyInTheFixedWindow(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		clock.advance(WINDOW.minusMillis(1));
		int beforeEdge = admitted(limiter, key, 10);
		clock.advance(Duration.ofMillis(2));
		int afterEdge = admitted(limiter, key, 10);
		// 20 requests within 2 ms: the fixed window sees two windows of 10, the others
		// see one stretch of time that may hold only 10.
		assertThat(beforeEdge).isEqualTo(10);
		assertThat(afterEdge).isEqualTo((algorithm == Algorithm.FIXED_WINDOW) ? 10 : 0);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void takesSeveralPermitsAtOnceOrNone(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		assertThat(limiter.tryAcquire(key, 4).remaining()).isEqualTo(6);
		assertThat(limiter.tryAcquire(key, 4).remaining()).isEqualTo(2);
		Decision tooMany = limiter.tryAcquire(key, 4);
		assertThat(tooMany.allowed()).isFalse();
		assertThat(tooMany.remaining()).isEqualTo(2);
		Decision rest = limiter.tryAcquire(key, 2);
		assertThat(rest.allowed()).isTrue();
		assertThat(rest.remaining()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire(key, 11));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void keysAreCountedIndependently(Algorithm algorithm, String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		List<String> keys = Stream.generate(RateLimiterContract::freshKey).limit(50).toList();
		for (String key : keys) {
			assertThat(admitted(limiter, key, 12)).as(key).isEqualTo(10);
		}
	}

	/**
	 * 16 threads, 5 windows, 64 attempts per window on one key with the clock frozen
	 * inside the window: whatever the interleaving, exactly 10 are admitted per window.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("implementations")
	void concurrentCallersNeverGetMoreThanTheLimitInAnyWindow(Algorithm algorithm, String backend) throws Exception {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(algorithm, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			for (int window = 0; window < 5; window++) {
				// a fresh allowance for every algorithm
				clock.advance(WINDOW.multipliedBy(2));
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> admittedPerThread = new ArrayList<>();
				for (int t = 0; t < 16; t++) {
					admittedPerThread.add(threads.submit(() -> {
						start.await();
						return admitted(limiter, key, 4);
					}));
				}
				start.countDown();
				int admitted = 0;
				for (Future<Integer> future : admittedPerThread) {
					admitted += future.get(30, TimeUnit.SECONDS);
				}
				assertThat(admitted).as("admitted in window " + window).isEqualTo(10);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	Stream<String> backends() {
		return Stream.of("memory", "redis");
	}

	@ParameterizedTest
	@MethodSource("backends")
	void leakyBucketAdmitsARequestAfterTheDelayOfItsPlaceInTheQueue(String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(Algorithm.LEAKY_BUCKET, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		// 10 per 10 s drains one request per second: the n-th of a burst waits n - 1 s.
		for (int place = 0; place < 10; place++) {
			Decision decision = limiter.tryAcquire(key);
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(place));
		}
		Decision queueFull = limiter.tryAcquire(key);
		assertThat(queueFull.allowed()).isFalse();
		assertThat(queueFull.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofMillis(2500));
		Decision later = limiter.tryAcquire(key);
		assertThat(later.allowed()).isTrue();
		assertThat(later.delay()).isEqualTo(Duration.ofMillis(7500));
	}

	@ParameterizedTest
	@MethodSource("backends")
	void tokenBucketRefillsOneTokenPerInterval(String backend) {
		MutableClock clock = MutableClock.atWindowStart(WINDOW);
		RateLimiter limiter = limiter(Algorithm.TOKEN_BUCKET, backend, TEN_PER_WINDOW, clock);
		String key = freshKey();
		exhaust(limiter, key);
		for (int i = 0; i < 3; i++) {
			clock.advance(Duration.ofSeconds(1));
			assertThat(admitted(limiter, key, 2)).isEqualTo(1);
		}
	}

	static Decision exhaust(RateLimiter limiter, String key) {
		for (int i = 0; i <= limiter.limit().permits(); i++) {
			Decision decision = limiter.tryAcquire(key);
			if (!decision.allowed()) {
				return decision;
			}
		}
		throw new AssertionError("Never rejected");
	}

	static int admitted(RateLimiter limiter, String key, int attempts) {
		int admitted = 0;
		for (int i = 0; i < attempts; i++) {
			if (limiter.tryAcquire(key).allowed()) {
				admitted++;
			}
		}
		return admitted;
	}

}
