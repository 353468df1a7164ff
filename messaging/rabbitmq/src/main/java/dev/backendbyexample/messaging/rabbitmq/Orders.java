package dev.backendbyexample.messaging.rabbitmq;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders table, with the outbox state and the consumers that applied each order.
 */
@Repository
class Orders {

	private final JdbcClient jdbc;

	Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, PlaceOrder order) {
		this.jdbc.sql("insert into orders (id, customer, sku, quantity, region, priority) values (?, ?, ?, ?, ?, ?)")
			.params(id, order.customer(), order.sku(), order.quantity(), order.region(), order.priority().name())
			.update();
	}

	/** Marks the order fulfilled; true the first time only. */
	boolean markFulfilled(UUID id) {
		return this.jdbc
			.sql("update orders set status = 'FULFILLED', fulfilled_at = now() where id = ? and status = 'PLACED'")
			.param(id)
			.update() == 1;
	}

	Optional<Order> find(UUID id) {
		List<String> appliedBy = this.jdbc
			.sql("select consumer from processed_messages where order_id = ? order by consumer")
			.param(id)
			.query(String.class)
			.list();
		return this.jdbc.sql("""
				select o.*, coalesce(x.status, 'PENDING') as publication
				from orders o left join outbox x on x.order_id = o.id
				where o.id = ?""")
			.param(id)
			.query((rs, row) -> new Order(rs.getObject("id", UUID.class), rs.getString("customer"), rs.getString("sku"),
					rs.getInt("quantity"), rs.getString("region"), Priority.valueOf(rs.getString("priority")),
					rs.getString("status"), rs.getObject("placed_at", OffsetDateTime.class),
					rs.getObject("fulfilled_at", OffsetDateTime.class), rs.getString("publication"), appliedBy))
			.optional();
	}

}
