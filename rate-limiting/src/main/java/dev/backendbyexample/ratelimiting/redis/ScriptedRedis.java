package dev.backendbyexample.ratelimiting.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

/**
 * The limiter's own Redis connection: one multiplexed Lettuce connection shared by all
 * threads, a short command timeout, and {@code EVALSHA} that loads the script on
 * {@code NOSCRIPT} (after a restart or failover the server's script cache is empty).
 */
public final class ScriptedRedis implements AutoCloseable {

	private final RedisClient client;

	private final ClientResources resources;

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	private ScriptedRedis(RedisClient client, ClientResources resources) {
		this.client = client;
		this.resources = resources;
	}

	/**
	 * A client that fails fast: commands time out after {@code commandTimeout}, and while
	 * disconnected they are rejected at once instead of queueing, so the circuit breaker
	 * sees the outage immediately. It reconnects by itself, retrying at least every two
	 * seconds.
	 */
	public static ScriptedRedis connectTo(String host, int port, Duration commandTimeout) {
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
		RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(commandTimeout).build();
		RedisClient client = RedisClient.create(resources, uri);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
			.build());
		return new ScriptedRedis(client, resources);
	}

	/**
	 * Runs the script on one key in one round trip: {@code EVALSHA}, and only if the
	 * server does not know the script, {@code SCRIPT LOAD} and {@code EVALSHA} again.
	 */
	public List<Long> eval(LuaScript script, String key, String... args) {
		RedisCommands<String, String> redis = commands();
		String[] keys = { key };
		try {
			return redis.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
		}
		catch (RedisNoScriptException ex) {
			redis.scriptLoad(script.source());
			return redis.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
		}
	}

	/**
	 * Commands on the shared connection, opened on first use so start-up never needs
	 * Redis.
	 */
	public RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null) {
			synchronized (this) {
				current = this.connection;
				if (current == null) {
					current = this.client.connect();
					this.connection = current;
				}
			}
		}
		return current.sync();
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown();
	}

}
