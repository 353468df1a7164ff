package dev.backendbyexample.caching;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cache's Redis connections (commands, and the pub/sub subscription), its levels and
 * its cache manager.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	private final CachingProperties settings;

	CacheConfiguration(CachingProperties settings) {
		this.settings = settings;
	}

	/** Reconnects quickly after an outage: from 10 ms up to 1 s between tries. */
	@Bean(destroyMethod = "shutdown")
	ClientResources lettuceClientResources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
					java.util.concurrent.TimeUnit.MILLISECONDS))
			.build();
	}

	/**
	 * Spring Boot's Redis, unless {@code caching.redis} names a host or port of its own
	 * (the outage test puts a proxy there). While the connection is down, commands are
	 * refused at once rather than queued, and a Redis that stops answering is given up on
	 * after the command timeout: either way the read falls through to the database.
	 */
	@Bean
	LettuceConnectionFactory redisConnectionFactory(DataRedisConnectionDetails details, ClientResources resources) {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(host(details), port(details));
		server.setUsername(details.getUsername());
		server.setPassword(RedisPassword.of(details.getPassword()));
		server.setDatabase(details.getStandalone().getDatabase());
		Duration timeout = this.settings.redis().commandTimeout();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientResources(resources)
			.commandTimeout(timeout)
			.clientOptions(clientOptions(timeout))
			.build();
		return new LettuceConnectionFactory(server, client);
	}

	/** The subscription's own client: a pub/sub connection cannot send other commands. */
	@Bean
	Invalidations invalidations(DataRedisConnectionDetails details, ClientResources resources) {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(host(details))
			.withPort(port(details))
			// the subscription is on no read's path: room for a busy machine
			.withTimeout(Duration.ofSeconds(2));
		if (details.getPassword() != null) {
			uri.withAuthentication(details.getUsername(), details.getPassword());
		}
		RedisClient client = RedisClient.create(resources, uri.build());
		client.setOptions(clientOptions(this.settings.redis().commandTimeout()));
		Invalidations invalidations = new Invalidations(client, this.settings.keyPrefix() + "invalidations");
		// now, not at the scheduler's first tick: the local level is on from the start
		invalidations.subscribe();
		return invalidations;
	}

	@Bean
	RedisLevel redisLevel(StringRedisTemplate redis) {
		return new RedisLevel(redis, this.settings.keyPrefix());
	}

	@Bean
	TwoLevelCacheManager cacheManager(RedisLevel redisLevel, Invalidations invalidations, JsonMapper json,
			MeterRegistry meters) {
		return new TwoLevelCacheManager(redisLevel, invalidations, json, this.settings, meters);
	}

	private static ClientOptions clientOptions(Duration timeout) {
		return ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			// Connecting is not on a read's path (commands fail at once while
			// disconnected):
			// a longer bound than the command timeout, for a busy machine.
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
			.build();
	}

	private String host(DataRedisConnectionDetails details) {
		String host = this.settings.redis().host();
		return (host != null) ? host : details.getStandalone().getHost();
	}

	private int port(DataRedisConnectionDetails details) {
		Integer port = this.settings.redis().port();
		return (port != null) ? port : details.getStandalone().getPort();
	}

}
