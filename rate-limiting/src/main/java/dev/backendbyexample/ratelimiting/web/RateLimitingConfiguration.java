package dev.backendbyexample.ratelimiting.web;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.ratelimiting.algorithm.InMemoryRateLimiters;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.algorithm.RateLimiter;
import dev.backendbyexample.ratelimiting.redis.RedisRateLimiter;
import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.Backend;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.Policy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Builds one limiter per configured policy, on Redis or in memory, and puts them in front
 * of the API.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RateLimitingConfiguration implements WebMvcConfigurer {

	private final RateLimitProperties properties;

	private final ObjectProvider<RateLimitInterceptor> interceptor;

	RateLimitingConfiguration(RateLimitProperties properties, ObjectProvider<RateLimitInterceptor> interceptor) {
		this.properties = properties;
		this.interceptor = interceptor;
	}

	/**
	 * Spring Boot's Redis settings, read through its connection details: a cluster when
	 * {@code spring.data.redis.cluster.nodes} is set (unless rate-limiting.redis names a
	 * host or port of its own), else the standalone server.
	 */
	@Bean(destroyMethod = "close")
	ScriptedRedis rateLimiterRedis(DataRedisConnectionDetails details) {
		RateLimitProperties.Redis redis = this.properties.redis();
		DataRedisConnectionDetails.Cluster cluster = details.getCluster();
		if (cluster != null && redis.host() == null && redis.port() == null) {
			List<RedisURI> seeds = cluster.getNodes()
				.stream()
				.map((node) -> uri(node.host(), node.port(), details))
				.toList();
			return ScriptedRedis.connectToCluster(seeds, redis.commandTimeout());
		}
		String host = (redis.host() != null) ? redis.host() : details.getStandalone().getHost();
		int port = (redis.port() != null) ? redis.port() : details.getStandalone().getPort();
		return ScriptedRedis.connectTo(uri(host, port, details), redis.commandTimeout());
	}

	private static RedisURI uri(String host, int port, DataRedisConnectionDetails details) {
		RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port);
		if (details.getPassword() != null) {
			uri.withAuthentication(details.getUsername(), details.getPassword());
		}
		return uri.build();
	}

	@Bean
	CircuitBreaker rateLimiterCircuitBreaker() {
		// One failed call in the last two opens the circuit; while open no request waits
		// for Redis. After "breaker-open-for" one trial call decides whether to close it.
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowSize(2)
			.minimumNumberOfCalls(1)
			.failureRateThreshold(50)
			.waitDurationInOpenState(this.properties.redis().breakerOpenFor())
			.permittedNumberOfCallsInHalfOpenState(1)
			.ignoreExceptions(IllegalArgumentException.class)
			.build();
		return CircuitBreaker.of("rate-limiter-redis", config);
	}

	private List<LimitedRoute> limitedRoutes(ObjectProvider<ScriptedRedis> redis, ObjectProvider<InstantSource> clock) {
		List<LimitedRoute> routes = new ArrayList<>();
		for (Map.Entry<String, Policy> entry : this.properties.policies().entrySet()) {
			String name = entry.getKey();
			Policy policy = entry.getValue();
			RateLimiter limiter = limiter(name, policy, redis, clock);
			routes.add(new LimitedRoute(name,
					policy.paths().stream().map(PathPatternParser.defaultInstance::parse).toList(), limiter,
					policy.onOutage()));
		}
		return routes;
	}

	private RateLimiter limiter(String name, Policy policy, ObjectProvider<ScriptedRedis> redis,
			ObjectProvider<InstantSource> clock) {
		Limit limit;
		try {
			limit = Limit.of(policy.limit(), policy.window());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid rate-limiting.policies." + name + ": " + ex.getMessage(), ex);
		}
		if (this.properties.backend() == Backend.MEMORY) {
			return InMemoryRateLimiters.create(policy.algorithm(), limit, clock.getIfAvailable(InstantSource::system));
		}
		// Production has no InstantSource bean: the scripts then read Redis's own clock.
		return new RedisRateLimiter(redis.getObject(), policy.algorithm(), limit,
				this.properties.keyPrefix() + name + ":", clock.getIfAvailable());
	}

	@Bean
	RateLimitInterceptor rateLimitInterceptor(ObjectProvider<ScriptedRedis> redis, ObjectProvider<InstantSource> clock,
			CircuitBreaker rateLimiterCircuitBreaker, MeterRegistry meters) {
		ClientIdentity identity = new ClientIdentity(this.properties.apiKeyHeader(), this.properties.trustedProxies());
		GuardedLimiter limiter = new GuardedLimiter(rateLimiterCircuitBreaker, this.properties.redis().breakerOpenFor(),
				meters);
		return new RateLimitInterceptor(limitedRoutes(redis, clock), identity, limiter);
	}

	/** In memory, idle clients are forgotten every 30 s; on Redis their keys expire. */
	@Scheduled(initialDelay = 30, fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
	void evictIdleClients() {
		this.interceptor.getObject().evictIdle();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.interceptor.getObject());
	}

}
