package dev.backendbyexample.ratelimiting.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.backendbyexample.ratelimiting.algorithm.Algorithm;
import dev.backendbyexample.ratelimiting.algorithm.Decision;
import dev.backendbyexample.ratelimiting.algorithm.InMemoryRateLimiters;
import dev.backendbyexample.ratelimiting.algorithm.Limit;
import dev.backendbyexample.ratelimiting.web.RateLimitProperties.OnOutage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} fields in the structured-field
 * syntax of draft-ietf-httpapi-ratelimit-headers.
 */
class RateLimitHeadersTests {

	@Test
	void policyNamesAQuotaAndAWindowInWholeSecondsRoundedUp() {
		LimitedRoute route = route("search", Limit.of(10, Duration.ofMillis(1500)));
		assertThat(route.policyHeader()).isEqualTo("\"search\";q=10;w=2");
	}

	@Test
	void limitNamesWhatRemainsAndTheSecondsUntilResetRoundedUp() {
		LimitedRoute route = route("search", Limit.of(10, Duration.ofSeconds(5)));
		Decision decision = Decision.fromMicros(1, 7, 4_000_001, 0, 0);
		assertThat(RateLimitInterceptor.limitHeader(route, decision)).isEqualTo("\"search\";r=7;t=5");
	}

	@Test
	void quotesAndBackslashesInAPolicyNameAreEscaped() {
		LimitedRoute route = route("a\"b\\c", Limit.of(1, Duration.ofSeconds(1)));
		assertThat(route.policyHeader()).isEqualTo("\"a\\\"b\\\\c\";q=1;w=1");
	}

	private static LimitedRoute route(String name, Limit limit) {
		return new LimitedRoute(name, List.of(),
				InMemoryRateLimiters.create(Algorithm.TOKEN_BUCKET, limit, () -> Instant.EPOCH), OnOutage.FAIL_OPEN);
	}

}
