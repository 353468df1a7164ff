package dev.backendbyexample.messaging.rabbitmq;

import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Places an order: the row and its message in one transaction (the transactional outbox),
 * so an order is never stored without its message, nor a message sent for an order that
 * rolled back. The relay publishes it after the commit.
 */
@Service
class OrderService {

	private final Orders orders;

	private final Outbox outbox;

	private final OutboxRelay relay;

	private final JsonMapper json;

	OrderService(Orders orders, Outbox outbox, OutboxRelay relay, JsonMapper json) {
		this.orders = orders;
		this.outbox = outbox;
		this.relay = relay;
		this.json = json;
	}

	@Transactional
	UUID place(PlaceOrder order) {
		UUID id = UUID.randomUUID();
		this.orders.insert(id, order);
		OrderPlaced message = new OrderPlaced(id, order.customer(), order.sku(), order.quantity(), order.region(),
				order.priority());
		this.outbox.add(UUID.randomUUID(), id, Topology.ORDERS, message.routingKey(),
				this.json.writeValueAsString(message));
		// The relay could not see the row before the commit: wake it after.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OrderService.this.relay.wakeUp();
			}
		});
		return id;
	}

	Order find(UUID id) {
		return this.orders.find(id).orElseThrow(() -> new OrderNotFound(id));
	}

}
