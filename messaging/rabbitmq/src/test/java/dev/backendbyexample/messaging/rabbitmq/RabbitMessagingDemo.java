package dev.backendbyexample.messaging.rabbitmq;

import dev.backendbyexample.testsupport.demo.Demos;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./bbe demo messaging/rabbitmq}: starts the application on a fresh virtual host
 * and database and plays {@link RabbitMessagingScenario}.
 */
public class RabbitMessagingDemo {

	public static void main(String[] args) {
		Demos.run(SpringApplication.from(RabbitMessagingApplication::main).with(RabbitMessagingServices.class),
				new RabbitMessagingScenario());
	}

}
