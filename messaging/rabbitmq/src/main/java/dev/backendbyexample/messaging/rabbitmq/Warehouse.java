package dev.backendbyexample.messaging.rabbitmq;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stock and fulfilment. Taking stock alone is not idempotent, but {@link #fulfil} also
 * moves the order out of PLACED in the same transaction and refuses an order no longer
 * PLACED, so a second run rolls back its stock update: without the idempotent consumer's
 * inbox a redelivered job would not take the stock twice, it would end in the dead-letter
 * queue as poison. Effects with no such natural guard (the analytics counter) rely on the
 * inbox alone.
 */
@Component
class Warehouse {

	private final JdbcClient jdbc;

	private final Orders orders;

	Warehouse(JdbcClient jdbc, Orders orders) {
		this.jdbc = jdbc;
		this.orders = orders;
	}

	/**
	 * Takes the order's stock and marks it fulfilled; runs in the consumer's transaction.
	 */
	void fulfil(OrderPlaced order) {
		int taken = this.jdbc.sql("update stock set available = available - ? where sku = ? and available >= ?")
			.params(order.quantity(), order.sku(), order.quantity())
			.update();
		if (taken == 0) {
			if (available(order.sku()).isEmpty()) {
				throw new PoisonMessage("Unknown SKU " + order.sku());
			}
			throw new OutOfStock(order.sku(), order.quantity());
		}
		if (!this.orders.markFulfilled(order.orderId())) {
			throw new PoisonMessage("No order " + order.orderId() + " waiting to be fulfilled");
		}
	}

	Optional<Integer> available(String sku) {
		return this.jdbc.sql("select available from stock where sku = ?").param(sku).query(Integer.class).optional();
	}

	void restock(String sku, int available) {
		this.jdbc.sql("""
				insert into stock (sku, available) values (?, ?)
				on conflict (sku) do update set available = excluded.available""").params(sku, available).update();
	}

}
