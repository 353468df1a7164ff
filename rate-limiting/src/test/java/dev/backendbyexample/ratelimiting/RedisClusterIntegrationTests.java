package dev.backendbyexample.ratelimiting;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.redis.LuaScript;
import dev.backendbyexample.ratelimiting.redis.RedisRateLimiter;
import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import dev.backendbyexample.testsupport.LocalRedisCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiters on a real Redis Cluster: three masters this test starts on free ports
 * ({@link LocalRedisCluster}) and kills at the end. The application is told only what
 * Spring Boot is told in production, {@code spring.data.redis.cluster.nodes}; the Redis
 * half of the contract suite then runs unchanged, keys spread over every node, and each
 * node reloads a script it lost by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class RedisClusterIntegrationTests extends RateLimiterContract {

	private static final Log logger = LogFactory.getLog(RedisClusterIntegrationTests.class);

	static final LocalRedisCluster cluster = startCluster();

	@DynamicPropertySource
	static void bootSeesACluster(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", cluster::nodes);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	private static LocalRedisCluster startCluster() {
		LocalRedisCluster started = LocalRedisCluster.start(3);
		logger.info("Redis Cluster " + started.nodes() + " ready in " + started.startedIn().toMillis() + " ms");
		return started;
	}

	@Autowired
	ScriptedRedis redis;

	@Override
	ScriptedRedis redis() {
		return this.redis;
	}

	@Override
	String keyPrefix() {
		return "rl:";
	}

	/** Only the Redis half of the contract: the in-memory half has nothing to do here. */
	@Override
	Stream<Arguments> implementations() {
		return super.implementations().filter((arguments) -> arguments.get()[1].equals("redis"));
	}

	@Override
	Stream<String> backends() {
		return Stream.of("redis");
	}

	@Test
	void bootsClusterNodesGiveTheLimiterAClusterClient() {
		assertThat(this.redis.isCluster()).isTrue();
	}

	/**
	 * 60 clients, each key stored on the master that owns its slot (a master refuses a
	 * key it does not own, so finding it there is the proof): every master holds some.
	 * The hash tag keeps one client's keys of every policy on one node.
	 */
	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void keysOfManyClientsSpreadOverEveryMasterAndOneClientsPoliciesShareANode(Algorithm algorithm) {
		String run = "spread-" + UUID.randomUUID() + ":";
		Limit limit = Limit.of(10, Duration.ofSeconds(5));
		RedisRateLimiter perSecond = new RedisRateLimiter(this.redis, algorithm, limit, run + "api:", null);
		RedisRateLimiter perDay = new RedisRateLimiter(this.redis, algorithm, limit, run + "search:", null);
		List<String> clients = Stream.generate(() -> "client-" + UUID.randomUUID()).limit(60).toList();
		for (String client : clients) {
			assertThat(perSecond.tryAcquire(client).allowed()).isTrue();
			assertThat(perDay.tryAcquire(client).allowed()).isTrue();
		}

		Map<Integer, List<String>> keysByNode = onEveryNode((node) -> node.keys(run + "*"));
		assertThat(keysByNode.values()).as("keys per master").allSatisfy((keys) -> assertThat(keys).isNotEmpty());
		List<String> all = keysByNode.values().stream().flatMap(List::stream).toList();
		assertThat(all).hasSize(120).doesNotHaveDuplicates();
		for (List<String> keys : keysByNode.values()) {
			for (String key : keys) {
				String client = key.substring(key.indexOf('{') + 1, key.length() - 1);
				assertThat(keys).contains(perSecond.redisKey(client), perDay.redisKey(client));
			}
		}
	}

	/**
	 * A master that lost its script cache (restarted, or a replica just promoted) answers
	 * {@code NOSCRIPT}; the call that lands there loads it there, and only there.
	 */
	@Test
	void eachMasterLoadsAScriptItDoesNotKnowOnTheFirstCallThatLandsThere() {
		LuaScript script = LuaScript.of("return {1} -- " + UUID.randomUUID());
		Map<Integer, List<Boolean>> before = onEveryNode((node) -> node.scriptExists(script.sha()));
		assertThat(before.values()).allSatisfy((exists) -> assertThat(exists).containsExactly(false));

		// One key per master, so a call lands on each.
		Set<Integer> owners = new HashSet<>();
		for (int i = 0; owners.size() < 3 && i < 100; i++) {
			String key = "rl:noscript:{client-" + i + "}";
			int owner = ownerOf(key);
			if (owners.add(owner)) {
				assertThat(onEveryNode((node) -> node.scriptExists(script.sha()).get(0)).get(owner)).isFalse();
				assertThat(this.redis.eval(script, key)).containsExactly(1L);
				assertThat(onEveryNode((node) -> node.scriptExists(script.sha()).get(0)))
					.as("cached after a call for " + key)
					.containsEntry(owner, true);
			}
		}
		assertThat(owners).hasSize(3);
		Map<Integer, List<Boolean>> after = onEveryNode((node) -> node.scriptExists(script.sha()));
		assertThat(after.values()).allSatisfy((exists) -> assertThat(exists).containsExactly(true));
	}

	/**
	 * The client port of the master that owns the key's slot: the one that answers for
	 * the key; the others answer {@code MOVED}.
	 */
	private static int ownerOf(String key) {
		Map<Integer, Boolean> owns = onEveryNode((node) -> {
			try {
				node.exists(key);
				return true;
			}
			catch (RedisCommandExecutionException ex) {
				assertThat(ex).hasMessageStartingWith("MOVED");
				return false;
			}
		});
		List<Integer> owners = owns.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		assertThat(owners).as("masters owning " + key).hasSize(1);
		return owners.get(0);
	}

	/** Asks every master directly, bypassing the cluster client's routing. */
	private static <T> Map<Integer, T> onEveryNode(Function<RedisCommands<String, String>, T> query) {
		Map<Integer, T> answers = new LinkedHashMap<>();
		for (int port : cluster.ports()) {
			RedisClient client = RedisClient.create(RedisURI.create(cluster.host(), port));
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				answers.put(port, query.apply(connection.sync()));
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
		return answers;
	}

}
