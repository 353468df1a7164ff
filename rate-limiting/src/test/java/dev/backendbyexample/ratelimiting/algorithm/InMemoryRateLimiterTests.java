package dev.backendbyexample.ratelimiting.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;

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
