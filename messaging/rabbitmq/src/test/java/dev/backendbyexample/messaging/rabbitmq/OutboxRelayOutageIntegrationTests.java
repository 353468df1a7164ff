package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.UUID;

import dev.backendbyexample.testsupport.net.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay during a broker outage: an order placed while the broker does not
 * answer is stored anyway, its outbox row stays PENDING with the reason, and the next
 * round after the outage publishes it, confirmed, and the order is fulfilled. The relay
 * under test publishes through a TCP proxy; the application's own relay is stopped so it
 * cannot publish the row over its direct connection.
 */
@MessagingIntegrationTest
class OutboxRelayOutageIntegrationTests {

	@Autowired
	RabbitConnectionDetails broker;

	@Autowired
	OutboxRelay applicationRelay;

	@Autowired
	OrderService orders;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	MessagingProperties properties;

	@Autowired
	JdbcClient jdbc;

	TcpProxy proxy;

	CachingConnectionFactory throughProxy;

	RabbitTemplate template;

	OutboxRelay relay;

	@BeforeEach
	void relayThroughAProxy() {
		this.applicationRelay.stop();
		RabbitConnectionDetails.Address address = this.broker.getFirstAddress();
		this.proxy = TcpProxy.start().to(address.host(), address.port());
		this.throughProxy = new CachingConnectionFactory("127.0.0.1", this.proxy.port());
		this.throughProxy.setUsername(this.broker.getUsername());
		this.throughProxy.setPassword(this.broker.getPassword());
		this.throughProxy.setVirtualHost(this.broker.getVirtualHost());
		this.throughProxy.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		this.throughProxy.setPublisherReturns(true);
		this.throughProxy.setConnectionTimeout(2000);
		this.template = new RabbitTemplate(this.throughProxy);
		this.template.setMandatory(true);
		// The same relay, with a shorter wait for confirms than the application's.
		MessagingProperties settings = new MessagingProperties(this.properties.fulfilmentConsumers(),
				this.properties.maxAttempts(), this.properties.firstRetryDelay(), this.properties.deliveryLimit(),
				Duration.ofSeconds(1), this.properties.relayBatch());
		this.relay = new OutboxRelay(this.outbox, new ConfirmingPublisher(this.template), this.transaction, settings);
	}

	@AfterEach
	void close() {
		this.throughProxy.destroy();
		this.proxy.close();
		this.applicationRelay.start();
	}

	@Test
	void orderPlacedDuringABrokerOutageStaysPendingThenIsPublishedOnceTheBrokerIsBack() {
		// Connected, with a channel in confirm mode cached, then the broker stops
		// answering: the publish is written to the socket and no confirm comes back.
		this.template.execute((channel) -> null);
		this.proxy.stall();
		UUID orderId = this.orders.place(new PlaceOrder("outage", "BOOK", 1, "eu", Priority.standard));

		assertThat(this.relay.relayOnce()).isZero();
		assertThat(outboxRow(orderId)).isEqualTo("PENDING 1 no confirm within 1000 ms");
		assertThat(status(orderId)).isEqualTo("PLACED");

		// The connection dies with the held bytes (the broker never received them), the
		// network comes back: the next round publishes the row again.
		this.proxy.cut();
		this.proxy.resume();
		this.proxy.restore();
		// The first round may still find the dead connection, and fail like the
		// application's relay does, to try again.
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> this.relay.relayOnce() >= 1);
		assertThat(outboxRow(orderId)).startsWith("CONFIRMED ");
		await().atMost(Duration.ofSeconds(20)).until(() -> status(orderId), "FULFILLED"::equals);
		assertThat(this.jdbc.sql("select count(*) from processed_messages where order_id = ? and consumer = ?")
			.params(orderId, Topology.FULFILMENT)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private String outboxRow(UUID orderId) {
		return this.jdbc
			.sql("select status || ' ' || attempts || coalesce(' ' || last_error, '') from outbox where order_id = ?")
			.param(orderId)
			.query(String.class)
			.single();
	}

	private String status(UUID orderId) {
		return this.jdbc.sql("select status from orders where id = ?").param(orderId).query(String.class).single();
	}

}
