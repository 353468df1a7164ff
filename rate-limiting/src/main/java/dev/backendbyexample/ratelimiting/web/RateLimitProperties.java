package dev.backendbyexample.ratelimiting.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rate-limiting settings: which routes are limited how, where the counts live, and
 * who may tell us the client's real address. Invalid values stop start-up, naming the
 * key.
 *
 * @param keyPrefix prepended to every Redis key
 * @param backend where the counts live
 * @param apiKeyHeader the header that identifies a client by API key
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is
 * believed
 * @param redis the limiter's own Redis connection
 * @param policies the policies by name, first match wins
 */
@ConfigurationProperties("rate-limiting")
@Validated
public record RateLimitProperties(@DefaultValue("rl:") String keyPrefix, @DefaultValue("redis") Backend backend,
		@DefaultValue("X-API-Key") String apiKeyHeader, @DefaultValue List<String> trustedProxies,
		@Valid @DefaultValue Redis redis, @DefaultValue Map<String, @Valid Policy> policies) {

	/** Where the counts live. */
	public enum Backend {

		/** Shared by every instance: the limit holds for the whole fleet. */
		REDIS,

		/** Per instance: N instances admit up to N times the limit. */
		MEMORY

	}

	/** What a policy does when Redis cannot answer. */
	public enum OnOutage {

		/** Let the request through: availability over the limit. */
		FAIL_OPEN,

		/**
		 * Answer 503: the limit over availability (e.g. an expensive or abusable route).
		 */
		FAIL_CLOSED

	}

	/**
	 * One policy.
	 *
	 * @param paths the URL patterns it covers, e.g. {@code /api/**}
	 * @param algorithm which algorithm counts
	 * @param limit permits per window, also the burst or queue capacity for the buckets
	 * @param window the window
	 * @param onOutage what to do when Redis is down
	 */
	public record Policy(@NotEmpty List<String> paths, @NotNull Algorithm algorithm, @Positive long limit,
			@NotNull @DurationMin(millis = 1) Duration window, @DefaultValue("fail-open") OnOutage onOutage) {

	}

	/**
	 * The limiter's Redis connection; host and port default to Spring Boot's Redis.
	 *
	 * @param host the host, or {@code null} for {@code spring.data.redis}'s
	 * @param port the port, or {@code null} for {@code spring.data.redis}'s
	 * @param commandTimeout how long a decision may wait for Redis before the outage
	 * policy applies
	 * @param breakerOpenFor how long the circuit stays open (no calls to Redis at all)
	 * after a failure
	 */
	public record Redis(@Nullable String host, @Nullable Integer port,
			@DefaultValue("250ms") @DurationMin(millis = 1) Duration commandTimeout,
			@DefaultValue("2s") @DurationMin(millis = 1) Duration breakerOpenFor) {

	}

}
