package dev.backendbyexample.messaging.rabbitmq;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.Service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * A virtual host of its own on RabbitMQ and a fresh PostgreSQL database, both removed
 * when the application stops.
 */
@TestConfiguration(proxyBeanMethods = false)
@BackingServices({ Service.RABBITMQ, Service.POSTGRES })
@PropertySource("classpath:rabbit-messaging-services.properties")
class RabbitMessagingServices {

}
