package dev.backendbyexample.restvsgraphql;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Users, posts and comments over REST and GraphQL, backed by PostgreSQL.
 */
@SpringBootApplication
public class RestVsGraphqlApplication {

	public static void main(String[] args) {
		SpringApplication.run(RestVsGraphqlApplication.class, args);
	}

}
