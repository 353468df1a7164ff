package dev.backendbyexample.messaging.rabbitmq;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every exchange, queue and binding, declared by the application at start-up (RabbitAdmin
 * declares them again after a reconnect). One publish, to the topic exchange
 * {@value #ORDERS} with the key {@code order.<region>.<priority>}, reaches every pattern:
 *
 * <pre>
 * orders (topic) ─ order.eu.* | order.us.* | order.apac.* ─▶ fulfilment     work queue, competing consumers
 *                ─ order.eu.* | order.us.* | order.apac.* ─▶ order-placed (fanout) ─▶ email, analytics
 *                ─ order.eu.*                             ─▶ region.eu
 *                ─ order.*.express                        ─▶ express
 * fulfilment ─ rejected, expired, over the delivery limit ─▶ dead-letters (fanout) ─▶ dead-letters queue
 * fulfilment.retry.N (TTL first-retry-delay·2^(N-1)) ─ expired ─▶ fulfilment
 * </pre>
 *
 * Everything is durable; every queue is a quorum queue (replicated with Raft, with a
 * delivery limit, and the only replicated queue type RabbitMQ 4 keeps: classic mirrored
 * queues are gone).
 * <p>
 * A quorum queue dead-letters <em>at most once</em> by default: the message leaves the
 * source queue whether or not the target took it. Every queue that dead-letters here (the
 * consumed queues and the delay queues) asks for {@code x-dead-letter-strategy}
 * {@code at-least-once}, which keeps the message in the source until the target queue
 * confirms it; the broker only honours it with {@code x-overflow} {@code reject-publish}
 * (with the default drop-head it falls back to at most once).
 */
@Configuration(proxyBeanMethods = false)
class Topology {

	static final String ORDERS = "orders";

	static final String ORDER_PLACED = "order-placed";

	static final String DEAD_LETTERS = "dead-letters";

	static final String FULFILMENT = "fulfilment";

	static final String EMAIL = "email";

	static final String ANALYTICS = "analytics";

	static final String REGION_EU = "region.eu";

	static final String EXPRESS = "express";

	/** Regions with a warehouse: an order for another region reaches no work queue. */
	static final List<String> SERVED_REGIONS = List.of("eu", "us", "apac");

	static String routingKey(String region, String priority) {
		return "order." + region + "." + priority;
	}

	static String retryQueue(int level) {
		return FULFILMENT + ".retry." + level;
	}

	@Bean
	Declarables declarables(MessagingProperties properties) {
		List<Declarable> declarables = new ArrayList<>();
		TopicExchange orders = ExchangeBuilder.topicExchange(ORDERS).durable(true).build();
		FanoutExchange orderPlaced = ExchangeBuilder.fanoutExchange(ORDER_PLACED).durable(true).build();
		FanoutExchange deadLetters = ExchangeBuilder.fanoutExchange(DEAD_LETTERS).durable(true).build();
		declarables.addAll(List.of(orders, orderPlaced, deadLetters));

		Queue fulfilment = consumed(FULFILMENT, properties);
		Queue email = consumed(EMAIL, properties);
		Queue analytics = consumed(ANALYTICS, properties);
		Queue regionEu = consumed(REGION_EU, properties);
		Queue express = consumed(EXPRESS, properties);
		// The dead-letter queue has no dead-letter exchange of its own, so a message
		// over its delivery limit would be deleted. RabbitMQ 3.x has no limit unless one
		// is set; 4.x sets 20 by default and takes -1 for none, a meaning 3.x does not
		// give it (3.10 does not even validate the argument). The largest int means
		// "none" on both: nothing leaves this queue but by an ack.
		Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTERS).quorum().deliveryLimit(Integer.MAX_VALUE).build();
		declarables.addAll(List.of(fulfilment, email, analytics, regionEu, express, deadLetterQueue));

		for (String region : SERVED_REGIONS) {
			String key = routingKey(region, "*");
			declarables.add(BindingBuilder.bind(fulfilment).to(orders).with(key));
			declarables.add(BindingBuilder.bind(orderPlaced).to(orders).with(key));
		}
		declarables.add(BindingBuilder.bind(email).to(orderPlaced));
		declarables.add(BindingBuilder.bind(analytics).to(orderPlaced));
		declarables.add(BindingBuilder.bind(regionEu).to(orders).with(routingKey("eu", "*")));
		declarables.add(BindingBuilder.bind(express).to(orders).with(routingKey("*", "express")));
		declarables.add(BindingBuilder.bind(deadLetterQueue).to(deadLetters));

		// Delayed retries without a plugin and without blocking a consumer: a job waits
		// in
		// retry queue N until its TTL expires, and the broker dead-letters it back to the
		// work queue through the default exchange. One queue per delay, because a TTL per
		// message only expires at the head of a queue.
		for (int level = 1; level <= properties.retryLevels(); level++) {
			declarables.add(QueueBuilder.durable(retryQueue(level))
				.quorum()
				.ttl(Math.toIntExact(properties.retryDelay(level).toMillis()))
				.deadLetterExchange("")
				.deadLetterRoutingKey(FULFILMENT)
				.withArgument("x-dead-letter-strategy", "at-least-once")
				.overflow(QueueBuilder.Overflow.rejectPublish)
				.build());
		}
		return new Declarables(declarables);
	}

	/**
	 * A queue a consumer reads: a quorum queue whose rejected messages, and those
	 * redelivered more than the delivery limit (a consumer that crashes on them before it
	 * can ack), go to the dead-letter exchange.
	 */
	private static Queue consumed(String name, MessagingProperties properties) {
		return QueueBuilder.durable(name)
			.quorum()
			.deliveryLimit(properties.deliveryLimit())
			.deadLetterExchange(DEAD_LETTERS)
			.withArgument("x-dead-letter-strategy", "at-least-once")
			.overflow(QueueBuilder.Overflow.rejectPublish)
			.build();
	}

}
