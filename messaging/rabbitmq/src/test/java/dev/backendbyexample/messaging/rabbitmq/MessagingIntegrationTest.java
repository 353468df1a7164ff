package dev.backendbyexample.messaging.rabbitmq;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context most integration tests share (same configuration, so Spring
 * caches and reuses it): the whole application on a random port, a virtual host and a
 * database of its own, and a servlet filter that fails on {@code /boom} only. Retries
 * wait 100 ms, 200 ms, 400 ms instead of 1 s, 2 s, 4 s.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
		classes = { RabbitMessagingApplication.class, RabbitMessagingServices.class,
				ContainerErrorsIntegrationTests.FailingFilter.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "messaging.first-retry-delay=100ms", "spring.datasource.hikari.maximum-pool-size=10",
				"spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.idle-timeout=10000" })
@interface MessagingIntegrationTest {

}
