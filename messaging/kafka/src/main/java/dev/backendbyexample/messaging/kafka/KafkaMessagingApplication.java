package dev.backendbyexample.messaging.kafka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An order-events service on Kafka: it publishes order events keyed by order id, keeps a
 * per-order history, charges payments with non-blocking retries and keeps a ledger
 * exactly once.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KafkaMessagingApplication {

	public static void main(String[] args) {
		SpringApplication.run(KafkaMessagingApplication.class, args);
	}

}
