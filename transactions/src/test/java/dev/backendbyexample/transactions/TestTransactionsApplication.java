package dev.backendbyexample.transactions;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application against a fresh database: {@code ./mvnw -pl transactions -am
 * spring-boot:test-run}.
 */
public class TestTransactionsApplication {

	public static void main(String[] args) {
		SpringApplication.from(TransactionsApplication::main).with(TransactionsServices.class).run(args);
	}

}
