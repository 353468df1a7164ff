package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * One contract, ten implementations: each algorithm in memory and on Redis (its Lua
 * script), all driven by the same hand-moved clock; the tests are in
 * {@link RateLimiterContract}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(RateLimitingServices.class)
class RateLimiterContractIntegrationTests extends RateLimiterContract {

	@Autowired
	ScriptedRedis redis;

	@Value("${rate-limiting.key-prefix}")
	String keyPrefix;

	@Override
	ScriptedRedis redis() {
		return this.redis;
	}

	@Override
	String keyPrefix() {
		return this.keyPrefix;
	}

}
