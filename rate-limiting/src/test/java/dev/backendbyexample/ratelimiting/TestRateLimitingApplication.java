package dev.backendbyexample.ratelimiting;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against the real Redis: {@code ./mvnw -pl rate-limiting -am
 * spring-boot:test-run}.
 */
public class TestRateLimitingApplication {

	public static void main(String[] args) {
		SpringApplication.from(RateLimitingApplication::main).with(RateLimitingServices.class).run(args);
	}

}
