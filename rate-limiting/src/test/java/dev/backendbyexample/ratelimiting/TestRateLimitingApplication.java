package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against the real Redis and logs the live page's address:
 * {@code ./mvnw -pl rate-limiting -am spring-boot:test-run}.
 */
public class TestRateLimitingApplication {

	public static void main(String[] args) {
		SpringApplication.from(RateLimitingApplication::main)
			.with(RateLimitingServices.class, LivePage.class)
			.run(args);
	}

}
