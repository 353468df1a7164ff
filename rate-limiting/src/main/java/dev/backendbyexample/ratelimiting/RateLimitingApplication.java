package dev.backendbyexample.ratelimiting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small API whose routes are rate limited per client by the policies in
 * {@code application.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RateLimitingApplication {

	public static void main(String[] args) {
		SpringApplication.run(RateLimitingApplication.class, args);
	}

}
