package dev.backendbyexample.messaging.rabbitmq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Orders over HTTP, published to RabbitMQ and consumed into PostgreSQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RabbitMessagingApplication {

	public static void main(String[] args) {
		SpringApplication.run(RabbitMessagingApplication.class, args);
	}

}
