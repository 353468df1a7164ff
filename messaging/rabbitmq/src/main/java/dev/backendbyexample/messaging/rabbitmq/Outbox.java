package dev.backendbyexample.messaging.rabbitmq;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table: messages waiting to be published, and what became of each.
 */
@Repository
class Outbox {

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(UUID messageId, UUID orderId, String exchange, String routingKey, String body) {
		this.jdbc.sql("insert into outbox (message_id, order_id, exchange, routing_key, body) values (?, ?, ?, ?, ?)")
			.params(messageId, orderId, exchange, routingKey, body)
			.update();
	}

	/**
	 * The oldest pending rows, locked for this transaction; {@code SKIP LOCKED} lets a
	 * second instance's relay take the next ones instead of waiting or publishing the
	 * same.
	 */
	List<Entry> lockPending(int limit) {
		return this.jdbc.sql("""
				select message_id, exchange, routing_key, body from outbox
				where status = 'PENDING' order by created_at limit ? for update skip locked""")
			.param(limit)
			.query((rs, row) -> new Entry(rs.getObject("message_id", UUID.class), rs.getString("exchange"),
					rs.getString("routing_key"), rs.getString("body")))
			.list();
	}

	void settle(UUID messageId, String status, @Nullable String error) {
		this.jdbc.sql("""
				update outbox set status = ?, attempts = attempts + 1, last_error = ?,
				settled_at = case when ? = 'PENDING' then null else now() end
				where message_id = ?""").params(status, error, status, messageId).update();
	}

	/** How many rows are in each state, and every row not confirmed, oldest first. */
	Publications report(int limit) {
		long pending = count("PENDING");
		long confirmed = count("CONFIRMED");
		long returned = count("RETURNED");
		List<Publications.Unconfirmed> notConfirmed = this.jdbc.sql("""
				select message_id, order_id, routing_key, status, attempts, last_error from outbox
				where status <> 'CONFIRMED' order by created_at limit ?""")
			.param(limit)
			.query((rs, row) -> new Publications.Unconfirmed(rs.getObject("message_id", UUID.class),
					rs.getObject("order_id", UUID.class), rs.getString("routing_key"), rs.getString("status"),
					rs.getInt("attempts"), rs.getString("last_error")))
			.list();
		return new Publications(pending, confirmed, returned, notConfirmed);
	}

	private long count(String status) {
		return this.jdbc.sql("select count(*) from outbox where status = ?").param(status).query(Long.class).single();
	}

	record Entry(UUID messageId, String exchange, String routingKey, String body) {

	}

}
