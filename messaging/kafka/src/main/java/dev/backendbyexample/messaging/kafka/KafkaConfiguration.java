package dev.backendbyexample.messaging.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The topics this service owns, and the producer's value serializer.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	// Six partitions: up to six consumers of one group share the work; the key decides
	// the
	// partition, so one order's events keep their order. Replication comes from the
	// broker's
	// default (1 on the one-broker test broker; see
	// ReplicatedDurabilityIntegrationTests).
	@Bean
	NewTopic ordersTopic(OrderTopics topics) {
		return TopicBuilder.name(topics.orders()).partitions(topics.partitions()).build();
	}

	@Bean
	NewTopic paymentsTopic(OrderTopics topics) {
		return TopicBuilder.name(topics.payments()).partitions(3).build();
	}

	@Bean
	NewTopic ledgerTopic(OrderTopics topics) {
		return TopicBuilder.name(topics.ledger()).partitions(topics.partitions()).build();
	}

	// Events are JSON; a record that failed to deserialize is forwarded to the
	// dead-letter
	// topic as the bytes it arrived with, which JSON would turn into a base64 string.
	@Bean
	@SuppressWarnings("unchecked")
	DefaultKafkaProducerFactoryCustomizer jsonOrRawBytes() {
		return (factory) -> ((DefaultKafkaProducerFactory<Object, Object>) factory)
			.setValueSerializer(new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(),
					OrderEvent.class, new JacksonJsonSerializer<>().noTypeInfo())));
	}

}
