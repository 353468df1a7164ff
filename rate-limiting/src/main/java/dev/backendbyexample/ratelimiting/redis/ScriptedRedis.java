package dev.backendbyexample.ratelimiting.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

/**
 * The limiter's own Redis connection: one multiplexed Lettuce connection shared by all
 * threads, a short command timeout, and {@code EVALSHA} that falls back to {@code EVAL}
 * on {@code NOSCRIPT} (after a restart or failover the server's script cache is empty).
 * On Redis Cluster the connection routes each call to the node that owns its key's slot.
 */
public final class ScriptedRedis implements AutoCloseable {

	private final AbstractRedisClient client;

	private final ClientResources resources;

	private final Supplier<Connected> connector;

	private volatile @Nullable Connected connected;

	private ScriptedRedis(AbstractRedisClient client, ClientResources resources, Supplier<Connected> connector) {
		this.client = client;
		this.resources = resources;
		this.connector = connector;
	}

	/**
	 * A client that fails fast: commands time out after {@code commandTimeout}, and while
	 * disconnected they are rejected at once instead of queueing, so the circuit breaker
	 * sees the outage immediately. It reconnects by itself, retrying at least every two
	 * seconds.
	 */
	public static ScriptedRedis connectTo(String host, int port, Duration commandTimeout) {
		return connectTo(RedisURI.builder().withHost(host).withPort(port).build(), commandTimeout);
	}

	/** The same, to a server given as a URI (which may carry credentials). */
	public static ScriptedRedis connectTo(RedisURI server, Duration commandTimeout) {
		ClientResources resources = resources();
		server.setTimeout(commandTimeout);
		RedisClient client = RedisClient.create(resources, server);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socketOptions())
			.build());
		return new ScriptedRedis(client, resources, () -> {
			StatefulRedisConnection<String, String> connection = client.connect();
			return new Connected(connection, connection.sync());
		});
	}

	/**
	 * A Redis Cluster client, failing fast the same way. It learns the slot map from any
	 * seed node, sends each command to the master that owns the slot of its key, and
	 * re-reads the map when a node answers {@code MOVED} or keeps refusing connections (a
	 * failover), and every 30 s.
	 */
	public static ScriptedRedis connectToCluster(List<RedisURI> seeds, Duration commandTimeout) {
		ClientResources resources = resources();
		seeds.forEach((seed) -> seed.setTimeout(commandTimeout));
		RedisClusterClient client = RedisClusterClient.create(resources, seeds);
		client.setOptions(ClusterClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socketOptions())
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.enablePeriodicRefresh(Duration.ofSeconds(30))
				.build())
			.build());
		return new ScriptedRedis(client, resources, () -> {
			StatefulRedisClusterConnection<String, String> connection = client.connect();
			return new Connected(connection, connection.sync());
		});
	}

	private static ClientResources resources() {
		return ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
	}

	private static SocketOptions socketOptions() {
		return SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build();
	}

	/**
	 * Runs the script on one key in one round trip: {@code EVALSHA}, and only if the
	 * server does not know the script, {@code EVAL} with its source, which runs it and
	 * caches it on that server. On a cluster both go to the node that owns the key, so
	 * each node's cache is filled by the first call that lands there: a node that
	 * restarted or a replica promoted by a failover reloads by itself.
	 */
	public List<Long> eval(LuaScript script, String key, String... args) {
		RedisClusterCommands<String, String> redis = commands();
		String[] keys = { key };
		try {
			return redis.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return redis.eval(script.source(), ScriptOutputType.MULTI, keys, args);
		}
	}

	/**
	 * Commands on the shared connection, opened on first use so start-up never needs
	 * Redis.
	 */
	public RedisClusterCommands<String, String> commands() {
		Connected current = this.connected;
		if (current == null) {
			synchronized (this) {
				current = this.connected;
				if (current == null) {
					current = this.connector.get();
					this.connected = current;
				}
			}
		}
		return current.commands();
	}

	/** Whether this is a cluster client. */
	public boolean isCluster() {
		return this.client instanceof RedisClusterClient;
	}

	@Override
	public void close() {
		Connected current = this.connected;
		if (current != null) {
			current.connection().close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		this.resources.shutdown();
	}

	private record Connected(StatefulConnection<String, String> connection,
			RedisClusterCommands<String, String> commands) {

	}

}
