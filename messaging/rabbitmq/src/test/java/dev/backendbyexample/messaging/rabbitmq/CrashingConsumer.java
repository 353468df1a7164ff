package dev.backendbyexample.messaging.rabbitmq;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The consumer process {@link ConsumerCrashIntegrationTests} kills: the application with
 * one work-queue consumer, joining the test's namespace ({@code --bbe.namespace}), that
 * stops for good after committing its {@code crash.stop-after}th job and before acking it
 * — the worst moment to die.
 */
public class CrashingConsumer {

	public static void main(String[] args) {
		SpringApplication.from(RabbitMessagingApplication::main)
			.with(RabbitMessagingServices.class, StopBeforeAck.class)
			.run(args);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StopBeforeAck {

		@Bean
		BeforeAck stopBeforeAck(@Value("${crash.stop-after}") int stopAfter) {
			AtomicInteger applied = new AtomicInteger();
			CountDownLatch never = new CountDownLatch(1);
			return (consumer, messageId) -> {
				if (consumer.equals(Topology.FULFILMENT) && applied.incrementAndGet() == stopAfter) {
					try {
						never.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			};
		}

	}

}
