package dev.backendbyexample.messaging.rabbitmq;

import dev.backendbyexample.testsupport.browser.LivePage;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application on a fresh virtual host and database: {@code ./mvnw -pl
 * messaging/rabbitmq -am spring-boot:test-run}, and logs the live page's address.
 */
public class TestRabbitMessagingApplication {

	public static void main(String[] args) {
		SpringApplication.from(RabbitMessagingApplication::main)
			.with(RabbitMessagingServices.class, LivePage.class)
			.run(args);
	}

}
