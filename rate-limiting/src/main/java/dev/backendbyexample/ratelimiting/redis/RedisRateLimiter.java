package dev.backendbyexample.ratelimiting.redis;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.Decision;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.algorithm.RateLimiter;
import org.jspecify.annotations.Nullable;

/**
 * Any of the five algorithms on Redis: the state lives in one key per client, read and
 * written by the algorithm's Lua script in one atomic round trip, so every application
 * instance sees the same count.
 */
public final class RedisRateLimiter implements RateLimiter {

	private final ScriptedRedis redis;

	private final Algorithm algorithm;

	private final LuaScript script;

	private final Limit limit;

	private final String keyPrefix;

	private final String[] fixedArgs;

	private final @Nullable InstantSource clock;

	/**
	 * @param redis the connection
	 * @param algorithm which script to run
	 * @param limit the rate
	 * @param keyPrefix prepended to every key, e.g. {@code rl:greeting:}
	 * @param clock {@code null} in production: the script reads Redis's {@code TIME}.
	 * Tests pass a clock they control; its time is then sent with each call.
	 */
	public RedisRateLimiter(ScriptedRedis redis, Algorithm algorithm, Limit limit, String keyPrefix,
			@Nullable InstantSource clock) {
		this.redis = redis;
		this.algorithm = algorithm;
		this.script = LuaScript.of(algorithm);
		this.limit = limit;
		this.keyPrefix = keyPrefix;
		this.fixedArgs = new String[] { Long.toString(limit.permits()), Long.toString(limit.windowMicros()) };
		this.clock = clock;
	}

	@Override
	public Decision tryAcquire(String key, int permits) {
		this.limit.check(permits);
		List<Long> result = this.redis.eval(this.script, redisKey(key), this.fixedArgs[0], this.fixedArgs[1],
				Integer.toString(permits), now());
		return Decision.fromMicros(result.get(0), result.get(1), result.get(2), result.get(3), result.get(4));
	}

	/**
	 * The client's key. The part in braces is the hash tag: Redis Cluster places keys by
	 * it alone, so every key of one client's decision lands on the same node and the
	 * script can run there.
	 */
	public String redisKey(String key) {
		return this.keyPrefix + this.algorithm.id() + ":{" + key + "}";
	}

	private String now() {
		if (this.clock == null) {
			return "";
		}
		Instant now = this.clock.instant();
		return Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
	}

	@Override
	public Algorithm algorithm() {
		return this.algorithm;
	}

	@Override
	public Limit limit() {
		return this.limit;
	}

}
