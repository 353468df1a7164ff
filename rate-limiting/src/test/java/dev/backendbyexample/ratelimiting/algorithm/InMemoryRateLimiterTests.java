package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The in-memory algorithms on their own, no Spring, no Redis: the cases the shared
 * contract does not cover.
 */
class InMemoryRateLimiterTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	@Test
	void fixedWindowResetsExactlyAtTheWindowEdge() {
		MovingClock clock = new MovingClock(START.plusMillis(4_999));
		RateLimiter limiter = new FixedWindowCounter(Limit.of(2, Duration.ofSeconds(5)), clock);
		assertThat(limiter.tryAcquire("k").resetAfter()).isEqualTo(Duration.ofMillis(1));
		limiter.tryAcquire("k");
		assertThat(limiter.tryAcquire("k").allowed()).isFalse();
		clock.now = START.plusMillis(5_000);
		assertThat(limiter.tryAcquire("k").allowed()).isTrue();
	}

	@Test
	void slidingWindowCounterWeighsThePreviousWindowByItsOverlap() {
		MovingClock clock = new MovingClock(START);
		RateLimiter limiter = new SlidingWindowCounter(Limit.of(10, Duration.ofSeconds(10)), clock);
		for (int i = 0; i < 10; i++) {
			limiter.tryAcquire("k");
		}
		// 30% into the next window the previous 10 weigh 7: room for 3 more.
		clock.now = START.plusSeconds(13);
		Decision decision = limiter.tryAcquire("k");
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).isEqualTo(2);
	}

	@Test
	void slidingWindowLogForgetsEachRequestOneWindowAfterIt() {
		MovingClock clock = new MovingClock(START);
		RateLimiter limiter = new SlidingWindowLog(Limit.of(2, Duration.ofSeconds(10)), clock);
		limiter.tryAcquire("k");
		clock.now = START.plusSeconds(4);
		limiter.tryAcquire("k");
		Decision full = limiter.tryAcquire("k");
		assertThat(full.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		clock.now = START.plusSeconds(10);
		assertThat(limiter.tryAcquire("k").allowed()).isTrue();
	}

	@Test
	void decisionRoundsRetryAfterUpToWholeSeconds() {
		Decision decision = Decision.fromMicros(0, 0, 1, 1_000_001, 0);
		assertThat(decision.retryAfterSeconds()).isEqualTo(2);
		assertThat(Decision.fromMicros(0, 0, 1, 1, 0).retryAfterSeconds()).isEqualTo(1);
	}

	@Test
	void askingForMoreThanTheLimitIsAMistakeNotARejection() {
		RateLimiter limiter = new TokenBucket(Limit.of(5, Duration.ofSeconds(1)), new MovingClock(START));
		assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("k", 6));
		assertThatIllegalArgumentException().isThrownBy(() -> limiter.tryAcquire("k", 0));
	}

	@Test
	void limitsTheLuaScriptsCannotComputeExactlyAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of(10_000_000, Duration.ofDays(365)));
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.of(0, Duration.ofSeconds(1)));
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void idleClientsAreForgottenOnceTheirAllowanceIsFull(Algorithm algorithm) {
		MovingClock clock = new MovingClock(START);
		RateLimiter limiter = InMemoryRateLimiters.create(algorithm, Limit.of(3, Duration.ofSeconds(10)), clock);
		limiter.tryAcquire("light");
		for (int i = 0; i < 3; i++) {
			limiter.tryAcquire("busy");
		}
		assertThat(limiter.evictIdle()).as("nobody is idle yet").isZero();
		clock.now = START.plusSeconds(100);
		assertThat(limiter.evictIdle()).isEqualTo(2);
		assertThat(limiter.evictIdle()).isZero();
		assertThat(limiter.tryAcquire("busy").remaining()).as("a forgotten client starts afresh").isEqualTo(2);
	}

	/**
	 * 16 threads hammer one key while another thread evicts idle keys in a loop, with the
	 * clock frozen: the eviction never lets more than the limit through.
	 */
	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void evictionRacingWithDecisionsNeverAdmitsMoreThanTheLimit(Algorithm algorithm) throws Exception {
		MovingClock clock = new MovingClock(START);
		RateLimiter limiter = InMemoryRateLimiters.create(algorithm, Limit.of(50, Duration.ofSeconds(10)), clock);
		ExecutorService threads = Executors.newFixedThreadPool(17);
		try {
			AtomicBoolean running = new AtomicBoolean(true);
			Future<?> evictor = threads.submit(() -> {
				while (running.get()) {
					limiter.evictIdle();
				}
			});
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> admitted = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				admitted.add(threads.submit(() -> {
					start.await();
					int count = 0;
					for (int i = 0; i < 20; i++) {
						count += limiter.tryAcquire("hot").allowed() ? 1 : 0;
					}
					return count;
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> future : admitted) {
				total += future.get(30, TimeUnit.SECONDS);
			}
			running.set(false);
			evictor.get(30, TimeUnit.SECONDS);
			assertThat(total).isEqualTo(50);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Two threads, one key, a limit of 10 per 5 s. The interleaving, forced with latches:
	 * the slow thread asks 1 ms before the edge and is descheduled right after reading
	 * the clock; the fast thread crosses the edge and spends the new window's 10; then
	 * the slow thread resumes with its old time. If it decided at that time on the state
	 * the fast thread left, it would reopen the closed window (or move a bucket's last
	 * update back) and the fast thread would get another 10.
	 */
	@ParameterizedTest
	@EnumSource(names = { "FIXED_WINDOW", "SLIDING_WINDOW_COUNTER", "TOKEN_BUCKET", "LEAKY_BUCKET" })
	void aDecisionDescheduledAcrossTheWindowEdgeNeverReopensTheWindow(Algorithm algorithm) throws Exception {
		StallingClock clock = new StallingClock(START.plusMillis(4_999));
		RateLimiter limiter = InMemoryRateLimiters.create(algorithm, Limit.of(10, Duration.ofSeconds(5)), clock);
		ExecutorService slow = Executors.newSingleThreadExecutor();
		try {
			Future<Decision> late = slow.submit(() -> {
				clock.stallThisThread();
				return limiter.tryAcquire("k");
			});
			assertThat(clock.readByStalledThread.await(30, TimeUnit.SECONDS)).isTrue();

			clock.now = START.plusSeconds(5);
			int admittedAfterEdge = 0;
			for (int i = 0; i < 10; i++) {
				admittedAfterEdge += limiter.tryAcquire("k").allowed() ? 1 : 0;
			}
			clock.resume.countDown();
			late.get(30, TimeUnit.SECONDS);

			for (int i = 0; i < 10; i++) {
				admittedAfterEdge += limiter.tryAcquire("k").allowed() ? 1 : 0;
			}
			assertThat(admittedAfterEdge).isEqualTo(10);
		}
		finally {
			slow.shutdownNow();
		}
	}

	/** A clock that holds one thread between reading the time and returning it. */
	static final class StallingClock implements InstantSource {

		final CountDownLatch readByStalledThread = new CountDownLatch(1);

		final CountDownLatch resume = new CountDownLatch(1);

		private final ThreadLocal<Boolean> stalls = ThreadLocal.withInitial(() -> false);

		volatile Instant now;

		StallingClock(Instant now) {
			this.now = now;
		}

		void stallThisThread() {
			this.stalls.set(true);
		}

		@Override
		public Instant instant() {
			Instant read = this.now;
			if (this.stalls.get()) {
				this.stalls.set(false);
				this.readByStalledThread.countDown();
				try {
					this.resume.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return read;
		}

	}

	static final class MovingClock implements InstantSource {

		Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
