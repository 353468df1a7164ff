package dev.backendbyexample.caching;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The cache's Redis, as {@code /actuator/health} shows it: DEGRADED, not DOWN, when Redis
 * cannot answer, because reads then fall through to PostgreSQL and nothing fails for the
 * user. It is not in the readiness group: pulling every instance for an outage they all
 * share would turn a slower API into no API.
 */
@Component
class CacheRedisHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED",
			"Redis cannot answer: reads fall through to PostgreSQL, the local level is off");

	private final StringRedisTemplate redis;

	private final Invalidations invalidations;

	CacheRedisHealthIndicator(StringRedisTemplate redis, Invalidations invalidations) {
		this.redis = redis;
		this.invalidations = invalidations;
	}

	@Override
	public Health health() {
		try {
			this.redis
				.execute((org.springframework.data.redis.core.RedisCallback<String>) (connection) -> connection.ping());
			return Health.up().withDetail("invalidationsSubscribed", this.invalidations.subscribed()).build();
		}
		catch (RuntimeException ex) {
			return Health.status(DEGRADED)
				.withDetail("invalidationsSubscribed", this.invalidations.subscribed())
				.withDetail("error", ex.getClass().getSimpleName())
				.build();
		}
	}

}
