package dev.backendbyexample.testsupport;

import java.util.List;

import com.redis.testcontainers.RedisContainer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * Redis: one server per JVM, one key prefix per application context; only keys under that
 * prefix are ever deleted (never FLUSHDB or FLUSHALL, which would take a user's data with
 * them).
 */
final class RedisSupport {

	static final String DEFAULT_HOST = "127.0.0.1";

	static final int DEFAULT_PORT = 6379;

	private static @Nullable Server server;

	private RedisSupport() {
	}

	static synchronized Server server() {
		if (server == null) {
			server = ServiceModes.resolve(Service.REDIS, () -> local(LocalSettings.fromEnvironment()),
					RedisSupport::container);
		}
		return server;
	}

	static Server local(LocalSettings settings) {
		Server local = new Server(settings.get("BBE_REDIS_HOST", DEFAULT_HOST),
				settings.port("BBE_REDIS_PORT", DEFAULT_PORT));
		Reachability.require(Service.REDIS, local.host(), local.port(), "BBE_REDIS_HOST and BBE_REDIS_PORT");
		return local;
	}

	private static Server container() {
		RedisContainer container = new RedisContainer(ContainerImages.REDIS);
		container.start();
		return new Server(container.getRedisHost(), container.getRedisPort());
	}

	static String register(BeanDefinitionRegistry registry, Namespace namespace) {
		Server server = server();
		registry.registerBeanDefinition("bbeRedisKeys",
				BeanDefinitionBuilder.genericBeanDefinition(Keys.class, () -> new Keys(server, namespace))
					.getBeanDefinition());
		DataRedisConnectionDetails details = new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(server.host(), server.port());
			}

		};
		registry.registerBeanDefinition("bbeDataRedisConnectionDetails",
				BeanDefinitionBuilder.genericBeanDefinition(DataRedisConnectionDetails.class, () -> details)
					.addDependsOn("bbeRedisKeys")
					.getBeanDefinition());
		return "Redis " + server.host() + ":" + server.port() + " key prefix " + namespace.redisKeyPrefix();
	}

	/** Where Redis listens. */
	record Server(String host, int port) {

		RedisURI uri() {
			return RedisURI.create(this.host, this.port);
		}

	}

	/**
	 * The keys of one application context: every key under its prefix is deleted when it
	 * closes.
	 */
	static final class Keys implements DisposableBean {

		private final Server server;

		private final Namespace namespace;

		Keys(Server server, Namespace namespace) {
			this.server = server;
			this.namespace = namespace;
		}

		@Override
		public void destroy() {
			if (this.namespace.owned()) {
				deleteAll(this.server, this.namespace.redisKeyPrefix());
			}
		}

		/** SCAN, not KEYS: it never blocks the server, however many keys a user has. */
		static long deleteAll(Server server, String prefix) {
			RedisClient client = RedisClient.create(server.uri());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				RedisCommands<String, String> redis = connection.sync();
				ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
				long deleted = 0;
				ScanCursor cursor = ScanCursor.INITIAL;
				do {
					KeyScanCursor<String> page = redis.scan(cursor, match);
					List<String> keys = page.getKeys();
					if (!keys.isEmpty()) {
						deleted += redis.unlink(keys.toArray(String[]::new));
					}
					cursor = page;
				}
				while (!cursor.isFinished());
				return deleted;
			}
			finally {
				client.shutdown();
			}
		}

	}

}
