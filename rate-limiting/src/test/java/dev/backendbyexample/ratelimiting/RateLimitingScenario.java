package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import io.lettuce.core.RedisCommandTimeoutException;
import org.awaitility.Awaitility;

/**
 * The demo: a burst of 15 against a 10-per-5-seconds policy, a wait as long as
 * {@code Retry-After} says, one more request; then 20 requests in a fraction of a second
 * across a window edge, fixed window against sliding window counter.
 */
class RateLimitingScenario implements DemoScenario {

	private static final int MAX_EDGE_ATTEMPTS = 4;

	@Override
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		String client = "demo-" + UUID.randomUUID().toString().substring(0, 8);
		narrator.title("Rate limiting on Redis: 10 requests per 5 seconds per API key");

		narrator.step("A burst of 15 requests on /api/sliding-window-log with X-API-Key: " + client);
		DemoResponse last = null;
		int admitted = 0;
		for (int i = 0; i < 15; i++) {
			last = demo.http().get("/api/sliding-window-log", "X-API-Key", client);
			narrator.exchange(last, "RateLimit", "Retry-After");
			admitted += (last.status() == 200) ? 1 : 0;
		}
		narrator.say("RateLimit-Policy: " + last.header("RateLimit-Policy").orElse("(none)"));
		narrator.say("admitted " + admitted + ", rejected " + (15 - admitted));
		narrator.why("the log keeps the time of each request admitted in the last 5 s; the 11th finds 10 there "
				+ "and is told to come back when the oldest is 5 s old, rounded up to whole seconds.");

		long retryAfter = Long.parseLong(last.header("Retry-After").orElse("1"));
		narrator.step("Wait as told (" + retryAfter + " s), then one more");
		sleepUntil(demo, redisMillis(demo) + retryAfter * 1000);
		DemoResponse again = demo.http().get("/api/sliding-window-log", "X-API-Key", client);
		narrator.exchange(again, "RateLimit");
		narrator.why("by then the first requests of the burst have left the window.");

		narrator.step("The boundary burst: 10 requests just before a window edge, 10 just after");
		int[] fixed = new int[2];
		int[] sliding = new int[2];
		// On a busy machine a burst can spill over the edge, or the second one can run
		// long enough for the sliding counter to forget part of the previous window; the
		// table would then not show what it claims. Such a try is dropped and the next
		// edge used, with a fresh client.
		for (int attempt = 1; attempt <= MAX_EDGE_ATTEMPTS; attempt++) {
			Arrays.fill(fixed, 0);
			Arrays.fill(sliding, 0);
			if (edgeBurst(demo, client + "-edge" + attempt, fixed, sliding)) {
				break;
			}
		}
		List<List<String>> rows = new ArrayList<>();
		rows.add(row("fixed window", fixed));
		rows.add(row("sliding window counter", sliding));
		narrator.table(List.of("algorithm (10 per 5 s)", "before edge", "after edge", "admitted in < 1 s"), rows);
		narrator.why("the fixed window forgets everything at the edge, so it lets twice the rate through; "
				+ "the sliding counter still weighs the previous window's 10 requests.");
	}

	/**
	 * One burst 500 ms before an edge, one 50 ms after it. True if the first ended before
	 * the edge and the second within 500 ms after it, by Redis's clock: all 40 requests
	 * then fall within one second, in which the previous window still weighs more than 9
	 * requests.
	 */
	private static boolean edgeBurst(Demo demo, String client, int[] fixed, int[] sliding) {
		long edge = sleepUntilNearEdge(demo, 500);
		burst(demo, client, fixed, sliding, 0);
		boolean beforeEdge = redisMillis(demo) < edge;
		sleepUntil(demo, edge + 50);
		burst(demo, client, fixed, sliding, 1);
		return beforeEdge && redisMillis(demo) < edge + 500;
	}

	private static void burst(Demo demo, String client, int[] fixed, int[] sliding, int side) {
		for (int i = 0; i < 10; i++) {
			fixed[side] += ok(demo.http().get("/api/fixed-window", "X-API-Key", client));
			sliding[side] += ok(demo.http().get("/api/sliding-window-counter", "X-API-Key", client));
		}
	}

	private static int ok(DemoResponse response) {
		return (response.status() == 200) ? 1 : 0;
	}

	private static List<String> row(String algorithm, int[] admitted) {
		return List.of(algorithm, admitted[0] + " x 200", admitted[1] + " x 200",
				Integer.toString(admitted[0] + admitted[1]));
	}

	/**
	 * Windows are aligned to Redis's clock (window number = now / 5 s), so the demo waits
	 * by that clock for the next edge at least {@code marginMillis} away. Returns the
	 * edge in Redis milliseconds.
	 */
	private static long sleepUntilNearEdge(Demo demo, long marginMillis) {
		long redisNow = redisMillis(demo);
		long edge = (redisNow / 5000 + 1) * 5000;
		if (edge - redisNow < marginMillis + 200) {
			edge += 5000;
		}
		sleepUntil(demo, edge - marginMillis);
		return edge;
	}

	/**
	 * Waits for Redis's clock, the one the limiter decides by, to reach the given time: a
	 * client waiting as told is the point of the demo.
	 */
	private static void sleepUntil(Demo demo, long redisMillis) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(5))
			// one poll slower than the 250 ms command timeout (a loaded machine) is not
			// a reason to stop waiting
			.ignoreExceptionsInstanceOf(RedisCommandTimeoutException.class)
			.until(() -> redisMillis(demo) >= redisMillis);
	}

	private static long redisMillis(Demo demo) {
		List<String> time = demo.bean(ScriptedRedis.class).commands().time();
		return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
	}

}
