package dev.backendbyexample.transactions;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against a fresh database: {@code ./mvnw -pl transactions -am
 * spring-boot:test-run}, and logs the live page's address.
 */
public class TestTransactionsApplication {

	public static void main(String[] args) {
		SpringApplication.from(TransactionsApplication::main)
			.with(TransactionsServices.class, LivePage.class)
			.run(args);
	}

}
