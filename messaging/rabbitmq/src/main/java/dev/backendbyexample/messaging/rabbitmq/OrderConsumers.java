package dev.backendbyexample.messaging.rabbitmq;

import java.io.IOException;

import com.rabbitmq.client.Channel;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The consumers, one per queue. The work queue has competing consumers (several per
 * instance, and every instance adds more); each subscriber queue has its own consumer and
 * receives its own copy of every order.
 */
@Component
class OrderConsumers {

	private final IdempotentConsumer consumer;

	private final Warehouse warehouse;

	private final JdbcClient jdbc;

	OrderConsumers(IdempotentConsumer consumer, Warehouse warehouse, JdbcClient jdbc) {
		this.consumer = consumer;
		this.warehouse = warehouse;
		this.jdbc = jdbc;
	}

	/** The work queue: each job to exactly one of the competing consumers. */
	@RabbitListener(id = Topology.FULFILMENT, queues = Topology.FULFILMENT,
			concurrency = "${messaging.fulfilment-consumers:2}")
	void fulfil(Message message, Channel channel) throws IOException {
		this.consumer.consume(Topology.FULFILMENT, message, channel, this.warehouse::fulfil);
	}

	/** A fanout subscriber: the confirmation e-mail (its record is the inbox row). */
	@RabbitListener(id = Topology.EMAIL, queues = Topology.EMAIL)
	void email(Message message, Channel channel) throws IOException {
		this.consumer.consume(Topology.EMAIL, message, channel, (order) -> {
		});
	}

	/** A fanout subscriber whose effect is a counter: a duplicate would inflate it. */
	@RabbitListener(id = Topology.ANALYTICS, queues = Topology.ANALYTICS)
	void analytics(Message message, Channel channel) throws IOException {
		this.consumer.consume(Topology.ANALYTICS, message, channel, (order) -> this.jdbc.sql("""
				insert into order_counts (region, orders, units) values (?, 1, ?)
				on conflict (region) do update set orders = order_counts.orders + 1,
				units = order_counts.units + excluded.units""").params(order.region(), order.quantity()).update());
	}

	/** Topic routing: only orders for the EU ({@code order.eu.*}). */
	@RabbitListener(id = Topology.REGION_EU, queues = Topology.REGION_EU)
	void regionEu(Message message, Channel channel) throws IOException {
		this.consumer.consume(Topology.REGION_EU, message, channel, (order) -> {
		});
	}

	/** Topic routing: only express orders, any region ({@code order.*.express}). */
	@RabbitListener(id = Topology.EXPRESS, queues = Topology.EXPRESS)
	void express(Message message, Channel channel) throws IOException {
		this.consumer.consume(Topology.EXPRESS, message, channel, (order) -> {
		});
	}

}
