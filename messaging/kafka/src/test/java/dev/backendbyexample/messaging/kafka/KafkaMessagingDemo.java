package dev.backendbyexample.messaging.kafka;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo messaging/kafka}: starts the service on a real broker (in this JVM)
 * and plays {@link KafkaScenario}.
 */
public class KafkaMessagingDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(KafkaMessagingApplication::main).with(KafkaServices.class),
				new KafkaScenario());
	}

}
