package dev.backendbyexample.testsupport;

import java.util.UUID;

/**
 * The names one application context owns on every backing service: a PostgreSQL database,
 * a Redis key prefix, a RabbitMQ virtual host and a Kafka topic prefix, all derived from
 * one id.
 *
 * @param id short random id, lower-case letters and digits
 * @param owned whether this context created the namespace and so removes it when it
 * closes
 */
record Namespace(String id, boolean owned) {

	static final String PROPERTY = "bbe.namespace";

	static Namespace fresh() {
		return new Namespace(UUID.randomUUID().toString().replace("-", "").substring(0, 12), true);
	}

	static Namespace join(String id) {
		return new Namespace(id, false);
	}

	String databaseName() {
		return "bbe_" + this.id;
	}

	String redisKeyPrefix() {
		return "bbe:" + this.id + ":";
	}

	String virtualHost() {
		return "bbe-" + this.id;
	}

	String kafkaTopicPrefix() {
		return "bbe." + this.id + ".";
	}

}
