package dev.backendbyexample.messaging.kafka;

import java.util.concurrent.CompletableFuture;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes order events keyed by order id: the key picks the partition (murmur2 of the
 * key modulo the partition count), so one order's events stay in one partition, in order.
 */
@Component
public class OrderEventPublisher {

	private final KafkaTemplate<String, Object> template;

	private final OrderTopics topics;

	OrderEventPublisher(KafkaTemplate<String, Object> template, OrderTopics topics) {
		this.template = template;
		this.topics = topics;
	}

	/** Sends the event to the orders topic; completes when the broker acknowledged it. */
	public CompletableFuture<SendResult<String, Object>> publish(OrderEvent event) {
		// exercise:begin keyed-publish
		return this.template.send(this.topics.orders(), event.orderId(), event);
		// exercise:end keyed-publish
	}

	/** Sends a payment request for the order to the payments topic. */
	public CompletableFuture<SendResult<String, Object>> requestPayment(OrderEvent event) {
		return this.template.send(this.topics.payments(), event.orderId(), event);
	}

}
