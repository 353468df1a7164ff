package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer process is killed with SIGKILL in the middle of a batch, at the worst
 * moment: one job committed but not acknowledged, others prefetched and unacked. The
 * broker hands every unacked message to the next consumer; the idempotent consumer skips
 * the one that was already applied. Published = confirmed = applied, once each.
 */
@MessagingIntegrationTest
class ConsumerCrashIntegrationTests {

	static final int ORDERS = 300;

	static final int STOP_AFTER = 100;

	static final String CUSTOMER = "crash-test";

	static final String SKU = "CRASH-TEST";

	@Autowired
	OrderService orders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	ConsumerCounters counters;

	@Autowired
	Warehouse warehouse;

	@Autowired
	Environment environment;

	@Test
	void consumerKilledMidBatchLosesNothingAndAppliesNothingTwice() throws Exception {
		// This instance's work-queue consumers wait until the other process is dead.
		this.listeners.getListenerContainer(Topology.FULFILMENT).stop();
		this.warehouse.restock(SKU, 1000);
		long duplicatesBefore = this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE);
		for (int i = 0; i < ORDERS; i++) {
			this.orders.place(new PlaceOrder(CUSTOMER, SKU, 1, "apac", Priority.standard));
		}
		// Published and confirmed: every order's message is stored by the broker.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("select count(*) from outbox x join orders o on o.id = x.order_id "
					+ "where o.customer = ? and x.status = 'CONFIRMED'") == ORDERS);

		Process consumer = ConsumerProcess.start(this.environment.getProperty("bbe.namespace"), STOP_AFTER);
		try {
			// The process applies 100 jobs and stops after the 100th commit, before its
			// ack.
			await().atMost(Duration.ofSeconds(90)).until(() -> applied("fulfilment") == STOP_AFTER);
		}
		finally {
			consumer.destroyForcibly();
		}
		assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(consumer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		assertThat(applied("fulfilment")).isEqualTo(STOP_AFTER);

		this.listeners.getListenerContainer(Topology.FULFILMENT).start();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> applied("fulfilment") == ORDERS && applied("email") == ORDERS
					&& applied("analytics") == ORDERS);

		// The job committed before the kill came back, and was recognised.
		assertThat(this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE) - duplicatesBefore)
			.isGreaterThanOrEqualTo(1);
		// Applied once each: the stock fell by exactly one per order, each consumer
		// recorded each order once, and nothing was dead-lettered. The stock would fall
		// by 300 even without the inbox (Warehouse.fulfil refuses an order no longer
		// PLACED and rolls back); the redelivered job would then be dead-lettered as
		// poison, which the last assertion catches.
		assertThat(1000 - stock()).isEqualTo(ORDERS);
		assertThat(count("select count(*) from orders where customer = ? and status = 'FULFILLED'")).isEqualTo(ORDERS);
		assertThat(count("select count(*) from processed_messages p join orders o on o.id = p.order_id "
				+ "where o.customer = ?"))
			.isEqualTo(3 * ORDERS);
		assertThat(count("select count(*) from dead_letters where body like '%' || ? || '%'")).isZero();
	}

	private long applied(String consumer) {
		return this.jdbc
			.sql("select count(*) from processed_messages p join orders o on o.id = p.order_id "
					+ "where o.customer = ? and p.consumer = ?")
			.params(CUSTOMER, consumer)
			.query(Long.class)
			.single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).param(CUSTOMER).query(Long.class).single();
	}

	private int stock() {
		return this.jdbc.sql("select available from stock where sku = ?").param(SKU).query(Integer.class).single();
	}

}
