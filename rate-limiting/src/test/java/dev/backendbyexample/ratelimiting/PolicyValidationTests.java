package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.ratelimiting.web.RateLimitProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy that makes no sense stops start-up, and the message names the key to fix.
 */
class PolicyValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class)
		.withPropertyValues("rate-limiting.policies.api.paths=/api/**", "rate-limiting.policies.api.window=5s",
				"rate-limiting.policies.api.algorithm=token-bucket", "rate-limiting.policies.api.limit=10");

	@Test
	void validPolicyStarts() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void zeroLimitStopsStartUpNamingTheKey() {
		this.runner.withPropertyValues("rate-limiting.policies.api.limit=0")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("policies[api].limit"));
	}

	@Test
	void negativeWindowStopsStartUpNamingTheKey() {
		this.runner.withPropertyValues("rate-limiting.policies.api.window=-1s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("policies[api].window"));
	}

	@Test
	void unknownAlgorithmStopsStartUpNamingTheKey() {
		this.runner.withPropertyValues("rate-limiting.policies.api.algorithm=magic-bucket")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("rate-limiting.policies.api.algorithm")
				.hasStackTraceContaining("magic-bucket"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RateLimitProperties.class)
	static class PropertiesOnly {

	}

}
