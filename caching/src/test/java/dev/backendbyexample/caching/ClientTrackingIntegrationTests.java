package dev.backendbyexample.caching;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alternative to the pub/sub bus, in miniature: Redis's server-assisted client-side
 * caching ({@code CLIENT TRACKING}, RESP3) through Lettuce's {@code ClientSideCaching}.
 * Redis remembers which keys this connection read and pushes an invalidation when anyone
 * writes one; the local map drops it. No channel and no message format of our own, but
 * the same caveat: a push lost while disconnected is lost (the module's own bus shows how
 * to handle that).
 */
@CachingIntegrationTest
class ClientTrackingIntegrationTests {

	@Autowired
	DataRedisConnectionDetails redis;

	@Autowired
	StringRedisTemplate template;

	@Value("${caching.key-prefix}")
	String keyPrefix;

	@Test
	void aWriteByAnotherClientInvalidatesTheTrackedLocalCopy() {
		String key = this.keyPrefix + "tracking:{1}";
		this.template.opsForValue().set(key, "old");
		RedisClient client = RedisClient
			.create(RedisURI.create(this.redis.getStandalone().getHost(), this.redis.getStandalone().getPort()));
		client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			Map<String, String> local = new ConcurrentHashMap<>();
			CacheFrontend<String, String> frontend = ClientSideCaching.enable(CacheAccessor.forMap(local), connection,
					TrackingArgs.Builder.enabled());

			assertThat(frontend.get(key)).isEqualTo("old");
			assertThat(local).containsEntry(key, "old");

			// another client (Spring's connection) writes: Redis pushes the invalidation
			this.template.opsForValue().set(key, "new");
			await().atMost(Duration.ofSeconds(10)).until(() -> !local.containsKey(key));
			assertThat(frontend.get(key)).isEqualTo("new");
			frontend.close();
		}
		finally {
			client.shutdown();
			this.template.delete(key);
		}
	}

}
