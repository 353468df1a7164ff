package dev.backendbyexample.messaging.kafka;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service against a real broker (in this JVM), under a fresh topic prefix:
 * {@code ./mvnw -pl messaging/kafka -am spring-boot:test-run}.
 */
public class TestKafkaMessagingApplication {

	public static void main(String[] args) {
		SpringApplication.from(KafkaMessagingApplication::main).with(KafkaServices.class).run(args);
	}

}
