package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.backendbyexample.testsupport.net.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's connection breaks while messages are in flight (a TCP proxy between it
 * and the broker is cut, the broker keeps running). Every message the broker confirmed is
 * in the queue; every other one is reported unconfirmed, none is silently lost, and
 * publishing the unconfirmed ones again after the reconnect delivers them.
 */
@MessagingIntegrationTest
class PublisherConnectionLossIntegrationTests {

	static final String QUEUE = "publisher-test";

	@Autowired
	RabbitConnectionDetails broker;

	@Autowired
	ConnectionFactory direct;

	@Autowired
	AmqpAdmin admin;

	TcpProxy proxy;

	CachingConnectionFactory throughProxy;

	ConfirmingPublisher publisher;

	@BeforeEach
	void publisherThroughAProxy() {
		this.admin.declareQueue(QueueBuilder.durable(QUEUE).quorum().build());
		this.admin.purgeQueue(QUEUE);
		RabbitConnectionDetails.Address address = this.broker.getFirstAddress();
		this.proxy = TcpProxy.start().to(address.host(), address.port());
		this.throughProxy = new CachingConnectionFactory("127.0.0.1", this.proxy.port());
		this.throughProxy.setUsername(this.broker.getUsername());
		this.throughProxy.setPassword(this.broker.getPassword());
		this.throughProxy.setVirtualHost(this.broker.getVirtualHost());
		this.throughProxy.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		this.throughProxy.setPublisherReturns(true);
		this.throughProxy.setConnectionTimeout(2000);
		RabbitTemplate template = new RabbitTemplate(this.throughProxy);
		template.setMandatory(true);
		this.publisher = new ConfirmingPublisher(template);
	}

	@AfterEach
	void close() {
		this.throughProxy.destroy();
		this.proxy.close();
		this.admin.deleteQueue(QUEUE);
	}

	@Test
	void connectionCutWithMessagesInFlightLosesNoConfirmedMessageAndReportsTheRest() throws Exception {
		List<ConfirmingPublisher.Outgoing> first = messages("first", 50);
		List<ConfirmingPublisher.Outgoing> inFlight = messages("in-flight", 50);

		Map<String, ConfirmingPublisher.Outcome> firstOutcomes = this.publisher.publish(first, Duration.ofSeconds(10));
		assertThat(firstOutcomes.values()).allMatch((o) -> o.status() == ConfirmingPublisher.Status.CONFIRMED);

		// The proxy holds what it reads from now on: the next 50 are written to the
		// socket, none reaches the broker, no confirm comes back. Then the line is cut.
		this.proxy.stall();
		ConfirmingPublisher.Pending pending = this.publisher.send(inFlight);
		this.proxy.cut();
		Map<String, ConfirmingPublisher.Outcome> inFlightOutcomes = pending.await(Duration.ofSeconds(30));

		assertThat(inFlightOutcomes).hasSize(50);
		assertThat(inFlightOutcomes.values()).allSatisfy((outcome) -> {
			assertThat(outcome.status()).isEqualTo(ConfirmingPublisher.Status.UNCONFIRMED);
			// Written to the socket, then no confirm: the channel closed under them.
			assertThat(outcome.detail()).isNotBlank().doesNotStartWith("not sent");
		});
		// Every confirmed message is in the queue; these unconfirmed ones never arrived.
		assertThat(drainQueue()).isEqualTo(ids(first));

		// Reported, so published again once the network is back: all confirmed, all
		// there.
		this.proxy.resume();
		this.proxy.restore();
		Map<String, ConfirmingPublisher.Outcome> retried = this.publisher.publish(inFlight, Duration.ofSeconds(10));
		assertThat(retried.values()).allMatch((o) -> o.status() == ConfirmingPublisher.Status.CONFIRMED);
		assertThat(drainQueue()).isEqualTo(ids(inFlight));
	}

	private static List<ConfirmingPublisher.Outgoing> messages(String prefix, int count) {
		List<ConfirmingPublisher.Outgoing> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = prefix + "-" + i;
			messages.add(new ConfirmingPublisher.Outgoing(id, "", QUEUE,
					Messages.json(Messages.order(UUID.randomUUID(), "BOOK", 1, "eu", "standard"), id)));
		}
		return messages;
	}

	private static Set<String> ids(List<ConfirmingPublisher.Outgoing> messages) {
		Set<String> ids = new HashSet<>();
		messages.forEach((message) -> ids.add(message.id()));
		return ids;
	}

	/** Takes every message off the queue, over the direct connection. */
	private Set<String> drainQueue() throws Exception {
		Set<String> ids = new HashSet<>();
		try (Connection connection = this.direct.createConnection();
				Channel channel = connection.createChannel(false)) {
			GetResponse message;
			while ((message = channel.basicGet(QUEUE, true)) != null) {
				ids.add(message.getProps().getMessageId());
			}
		}
		return ids;
	}

}
