package dev.backendbyexample.transactions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Accounts and transfers over HTTP, backed by PostgreSQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TransactionsApplication {

	public static void main(String[] args) {
		SpringApplication.run(TransactionsApplication.class, args);
	}

}
