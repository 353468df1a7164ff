package dev.backendbyexample.caching;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against a fresh database (the full seed) and a Redis namespace:
 * {@code ./mvnw -pl caching -am spring-boot:test-run}, and logs the live page's address.
 * A second instance joins with {@code --bbe.namespace=<id>} and
 * {@code --server.port=8081}.
 */
public class TestCachingApplication {

	public static void main(String[] args) {
		SpringApplication.from(CachingApplication::main).with(CachingServices.class, LivePage.class).run(args);
	}

}
