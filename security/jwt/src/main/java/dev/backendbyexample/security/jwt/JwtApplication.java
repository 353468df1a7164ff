package dev.backendbyexample.security.jwt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A JWT-secured API over HTTP, backed by PostgreSQL (users, refresh tokens, notes) and
 * Redis (login attempt counters).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JwtApplication {

	public static void main(String[] args) {
		SpringApplication.run(JwtApplication.class, args);
	}

}
