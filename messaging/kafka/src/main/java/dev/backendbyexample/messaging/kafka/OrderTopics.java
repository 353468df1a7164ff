package dev.backendbyexample.messaging.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topic and consumer-group names, all under one prefix (tests and demos get one of
 * their own, so they never see another context's records).
 *
 * @param topicPrefix prepended to every topic and group name
 * @param partitions partitions of the orders topic: the most consumers of one group that
 * can work at once
 */
@ConfigurationProperties("messaging.kafka")
public record OrderTopics(@DefaultValue("") String topicPrefix, @DefaultValue("6") int partitions) {

	/** Order events, keyed by order id. */
	public String orders() {
		return this.topicPrefix + "orders";
	}

	/**
	 * Payment requests; their retry topics and dead-letter topic take this name plus a
	 * suffix.
	 */
	public String payments() {
		return this.topicPrefix + "payments";
	}

	/** The ledger the exactly-once pipeline writes, one entry per order event. */
	public String ledger() {
		return this.topicPrefix + "ledger";
	}

	/** A consumer group (or transactional id) name under the prefix. */
	public String group(String name) {
		return this.topicPrefix + name;
	}

}
