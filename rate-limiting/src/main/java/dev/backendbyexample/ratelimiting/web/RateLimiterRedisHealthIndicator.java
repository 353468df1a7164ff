package dev.backendbyexample.ratelimiting.web;

import dev.backendbyexample.ratelimiting.redis.ScriptedRedis;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.Backend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The limiter's own Redis connection in {@code /actuator/health} as
 * {@code rateLimiterRedis}: {@code UP}, or {@code DEGRADED} while Redis cannot answer.
 * Never {@code DOWN}: every route still answers (fail-open ones unlimited, fail-closed
 * ones 503), every instance is in the same state, and a load balancer that pulled them
 * all for it would turn a limiter outage into an API outage. {@code DEGRADED} is ordered
 * between {@code DOWN} and {@code UP} and answered with HTTP 200 (application.yml), and
 * the readiness group leaves Redis out altogether.
 */
@Component
class RateLimiterRedisHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED",
			"Redis cannot answer: fail-open routes are not limited, fail-closed routes answer 503");

	private final ScriptedRedis redis;

	private final CircuitBreaker breaker;

	private final Backend backend;

	RateLimiterRedisHealthIndicator(ScriptedRedis redis, CircuitBreaker rateLimiterCircuitBreaker,
			RateLimitProperties properties) {
		this.redis = redis;
		this.breaker = rateLimiterCircuitBreaker;
		this.backend = properties.backend();
	}

	@Override
	public Health health() {
		if (this.backend == Backend.MEMORY) {
			return Health.up().withDetail("backend", "memory").build();
		}
		CircuitBreaker.State circuit = this.breaker.getState();
		if (circuit == CircuitBreaker.State.OPEN) {
			// Known already; a probe must not wait a command timeout to learn it again.
			return Health.status(DEGRADED).withDetail("circuit", circuit).build();
		}
		try {
			this.redis.commands().ping();
			return Health.up().withDetail("circuit", circuit).build();
		}
		catch (RuntimeException ex) {
			return Health.status(DEGRADED).withDetail("circuit", circuit).withException(ex).build();
		}
	}

}
