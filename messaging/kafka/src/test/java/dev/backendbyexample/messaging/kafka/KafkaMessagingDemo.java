package dev.backendbyexample.messaging.kafka;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo messaging/kafka}: starts the service on a real broker (in this JVM)
 * and plays {@link KafkaScenario}.
 */
public class KafkaMessagingDemo {

	public static void main(String[] args) {
		// The transcript shows what reached the dead-letter topic and why; the
		// framework's
		// own ERROR line and stack trace per failed record, and the in-JVM broker's log
		// of
		// the batches it refuses (the client retries them), would bury it.
		System.setProperty("logging.level.org.springframework.kafka.retrytopic", "off");
		System.setProperty("logging.level.org.springframework.kafka.listener", "off");
		System.setProperty("logging.level.kafka.server.ReplicaManager", "off");
		Demos.run(SpringApplication.from(KafkaMessagingApplication::main).with(KafkaServices.class),
				new KafkaScenario());
	}

}
