package dev.backendbyexample.messaging.kafka;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * A real Kafka broker for tests, demos and the benchmark, with every topic and group
 * under this context's prefix.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices(Service.KAFKA)
@PropertySource("classpath:messaging-kafka-test.properties")
public class KafkaServices {

}
