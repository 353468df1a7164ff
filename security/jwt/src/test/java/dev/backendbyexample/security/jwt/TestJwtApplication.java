package dev.backendbyexample.security.jwt;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against a fresh database and Redis namespace:
 * {@code ./mvnw -pl security/jwt -am spring-boot:test-run}, and logs the live page's
 * address.
 */
public class TestJwtApplication {

	public static void main(String[] args) {
		SpringApplication.from(JwtApplication::main).with(JwtServices.class, LivePage.class).run(args);
	}

}
