package dev.backendbyexample.messaging.rabbitmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
@SpringBootTest(classes = { RabbitMessagingApplication.class, RabbitMessagingServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		// This instance's consumers wait until the other process is dead.
		properties = "spring.rabbitmq.listener.simple.auto-startup=false")
class ConsumerCrashIntegrationTests {

	static final int ORDERS = 300;

	static final int STOP_AFTER = 100;

	@Autowired
	OrderService orders;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	ConsumerCounters counters;

	@Autowired
	Environment environment;

	@Test
	void consumerKilledMidBatchLosesNothingAndAppliesNothingTwice() throws Exception {
		int stockBefore = bookStock();
		for (int i = 0; i < ORDERS; i++) {
			this.orders.place(new PlaceOrder("crash-" + i, "BOOK", 1, "us", Priority.standard));
		}
		// Published and confirmed: every order's message is stored by the broker.
		await().atMost(Duration.ofSeconds(60)).until(() -> this.outbox.report(1).confirmed() == ORDERS);

		Process consumer = startConsumerProcess();
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

		this.listeners.start();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> applied("fulfilment") == ORDERS && applied("email") == ORDERS
					&& applied("analytics") == ORDERS);

		// The job committed before the kill came back, and was recognised.
		assertThat(this.counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE)).isGreaterThanOrEqualTo(1);
		// Applied once each: the stock fell by exactly one per order, the analytics
		// counter counted each order once, and nothing was dead-lettered.
		assertThat(stockBefore - bookStock()).isEqualTo(ORDERS);
		assertThat(this.jdbc.sql("select count(*) from orders where status = 'FULFILLED'").query(Long.class).single())
			.isEqualTo(ORDERS);
		assertThat(this.jdbc.sql("select orders from order_counts where region = 'us'").query(Long.class).single())
			.isEqualTo(ORDERS);
		assertThat(this.jdbc.sql("select count(*) from dead_letters").query(Long.class).single()).isZero();
		Publications publications = this.outbox.report(1);
		assertThat(List.of(publications.confirmed(), publications.pending(), publications.returned()))
			.containsExactly((long) ORDERS, 0L, 0L);
	}

	private long applied(String consumer) {
		return this.jdbc.sql("select count(*) from processed_messages where consumer = ?")
			.param(consumer)
			.query(Long.class)
			.single();
	}

	private int bookStock() {
		return this.jdbc.sql("select available from stock where sku = 'BOOK'").query(Integer.class).single();
	}

	private Process startConsumerProcess() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Path log = Files.createDirectories(Path.of("target")).resolve("crashing-consumer.log");
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingConsumer.class.getName(),
				"--bbe.namespace=" + this.environment.getProperty("bbe.namespace"),
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--messaging.fulfilment-consumers=1", "--crash.stop-after=" + STOP_AFTER)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

}
