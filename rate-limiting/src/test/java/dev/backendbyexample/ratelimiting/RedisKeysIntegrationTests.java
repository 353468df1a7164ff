package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.Decision;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.redis.LuaScript;
import dev.backendbyexample.ratelimiting.redis.RedisRateLimiter;
import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the scripts leave in Redis: keys a cluster can serve from one node, a TTL on each,
 * time from Redis's clock, and scripts that survive an empty script cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(RateLimitingServices.class)
class RedisKeysIntegrationTests {

	@Autowired
	ScriptedRedis redis;

	@Value("${rate-limiting.key-prefix}")
	String keyPrefix;

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void everyKeyADecisionTouchesMapsToOneSlotAndExpires(Algorithm algorithm) {
		String prefix = this.keyPrefix + "slots-" + UUID.randomUUID() + ":";
		Limit limit = Limit.of(10, Duration.ofSeconds(5));
		RedisRateLimiter limiter = new RedisRateLimiter(this.redis, algorithm, limit, prefix, null);
		limiter.tryAcquire("client-1", 3);
		limiter.tryAcquire("client-1", 8);

		List<String> touched = keysUnder(prefix);
		assertThat(touched).containsExactly(limiter.redisKey("client-1")).allSatisfy((key) -> {
			assertThat(key).contains("{client-1}");
			assertThat(SlotHash.getSlot(key)).isEqualTo(SlotHash.getSlot("client-1"));
			// an idle client costs nothing once this runs out: at most a window and the
			// one-second grace
			assertThat(this.redis.commands().pttl(key)).isPositive()
				.isLessThanOrEqualTo(limit.window().multipliedBy(2).toMillis() + 1000);
		});
	}

	@Test
	void loadsTheScriptWhenRedisDoesNotKnowIt() {
		// A script Redis has never seen, as after a restart or failover.
		LuaScript script = LuaScript.of("return {1} -- " + UUID.randomUUID());
		assertThat(this.redis.commands().scriptExists(script.sha())).containsExactly(false);
		assertThat(this.redis.eval(script, this.keyPrefix + "noscript")).containsExactly(1L);
		assertThat(this.redis.commands().scriptExists(script.sha())).containsExactly(true);
	}

	@Test
	void decidesOnRedisClockWhenNoClockIsGiven() {
		RedisRateLimiter limiter = new RedisRateLimiter(this.redis, Algorithm.FIXED_WINDOW,
				Limit.of(3, Duration.ofSeconds(1)), this.keyPrefix + "redis-time:", null);
		String key = "client-" + UUID.randomUUID();
		// Until rejected, however many windows a slow machine needs to get
		// 4 calls into one.
		Decision rejected = await().atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.until(() -> limiter.tryAcquire(key), (decision) -> !decision.allowed());
		assertThat(rejected.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(20)).until(() -> limiter.tryAcquire(key).allowed());
	}

	/**
	 * Every page of the SCAN: on a Redis shared with other modules one page of 1,000
	 * looked-at keys may hold none of ours.
	 */
	private List<String> keysUnder(String prefix) {
		ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
		List<String> keys = new ArrayList<>();
		KeyScanCursor<String> page = this.redis.commands().scan(match);
		keys.addAll(page.getKeys());
		while (!page.isFinished()) {
			page = this.redis.commands().scan(page, match);
			keys.addAll(page.getKeys());
		}
		return keys;
	}

}
