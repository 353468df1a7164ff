package dev.backendbyexample.restvsgraphql;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against a fresh, seeded database: {@code ./mvnw -pl
 * rest-vs-graphql -am spring-boot:test-run}, and logs the live page's address.
 */
public class TestRestVsGraphqlApplication {

	public static void main(String[] args) {
		SpringApplication.from(RestVsGraphqlApplication::main)
			.with(RestVsGraphqlServices.class, LivePage.class)
			.run(args);
	}

}
