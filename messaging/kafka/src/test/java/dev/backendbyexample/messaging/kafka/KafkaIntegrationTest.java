package dev.backendbyexample.messaging.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one application context the integration tests share (same configuration, so Spring
 * caches and reuses it): the whole service on the in-JVM broker, under one topic prefix.
 * Tests that need a topic of their own create it under the same prefix ({@link Records}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { KafkaMessagingApplication.class, KafkaServices.class })
@interface KafkaIntegrationTest {

}
