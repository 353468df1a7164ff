package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo rate-limiting}: starts the application on the real Redis and plays
 * {@link RateLimitingScenario}.
 */
public class RateLimitingDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(RateLimitingApplication::main).with(RateLimitingServices.class),
				new RateLimitingScenario());
	}

}
