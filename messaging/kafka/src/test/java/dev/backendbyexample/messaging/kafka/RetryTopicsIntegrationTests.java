package dev.backendbyexample.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.backendbyexample.messaging.kafka.DeadLetters.DeadLetter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.willAnswer;

/**
 * Non-blocking retries: a failing payment moves through the retry topics to the
 * dead-letter topic after three attempts, never more; a final failure and bytes that are
 * no event go straight there, with the reason in the headers; the records behind them are
 * not held up. The gateway is a spy only so that one test can hold a retry until the
 * payment behind it is charged.
 */
@KafkaIntegrationTest
class RetryTopicsIntegrationTests {

	@Autowired
	OrderEventPublisher publisher;

	@MockitoSpyBean
	PaymentGateway gateway;

	@Autowired
	KafkaTemplate<String, Object> template;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	OrderTopics topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Test
	void paymentThatAlwaysTimesOutWalksTheRetryTopicsToTheDeadLetterTopicAfterThreeAttempts() throws Exception {
		this.publisher.requestPayment(new OrderEvent("retry-poison", 1, "PAYMENT_REQUESTED", 2_000_000)).get();

		DeadLetter letter = awaitDeadLetter("retry-poison");
		assertThat(this.gateway.attemptsOf("retry-poison")).containsExactly(this.topics.payments(),
				this.topics.payments() + "-retry-0", this.topics.payments() + "-retry-1");
		assertThat(letter.exception()).isEqualTo(ListenerExecutionFailedException.class.getName());
		assertThat(letter.cause()).isEqualTo(GatewayTimeout.class.getName());
		assertThat(letter.message()).contains("timed out charging order retry-poison");
		assertThat(letter.originalTopic()).isEqualTo(this.topics.payments());
		assertThat(letter.attempts()).isEqualTo(3);
		assertThat(letter.value()).contains("\"orderId\":\"retry-poison\"");
		assertThat(this.gateway.charged("retry-poison")).isFalse();
	}

	@Test
	void paymentBehindAFailingOneWithTheSameKeyIsChargedWhileTheFailingOneWaitsInTheRetryTopics() throws Exception {
		String blocker = "retry-blocker";
		String behind = "retry-blocker-behind";
		CountDownLatch behindCharged = new CountDownLatch(1);
		AtomicBoolean chargedWhileHeld = new AtomicBoolean();
		willAnswer((invocation) -> {
			invocation.callRealMethod();
			behindCharged.countDown();
			return null;
		}).given(this.gateway).charge(argThat((payment) -> behind.equals(payment.orderId())), anyString());
		// The blocker's attempt from retry-0 waits (on that topic's consumer thread)
		// until
		// the payment behind it is charged. Were the retries blocking — in the main
		// topic's
		// consumer, as a plain back-off does — the payment behind would wait for this
		// very
		// attempt, and the latch would run out.
		willAnswer((invocation) -> {
			chargedWhileHeld.set(behindCharged.await(20, TimeUnit.SECONDS));
			return invocation.callRealMethod();
		}).given(this.gateway)
			.charge(argThat((payment) -> blocker.equals(payment.orderId())), eq(this.topics.payments() + "-retry-0"));

		this.publisher.requestPayment(new OrderEvent(blocker, 1, "PAYMENT_REQUESTED", 2_000_000)).get();
		// Same key, so same partition, right behind it.
		this.template.send(this.topics.payments(), blocker, new OrderEvent(behind, 1, "PAYMENT_REQUESTED", 1_000))
			.get();

		awaitDeadLetter(blocker);
		assertThat(chargedWhileHeld).as("charged while the failing payment was held in retry-0").isTrue();
		assertThat(this.gateway.attemptsOf(behind)).containsExactly(this.topics.payments());
		assertThat(this.gateway.attemptsOf(blocker)).containsExactly(this.topics.payments(),
				this.topics.payments() + "-retry-0", this.topics.payments() + "-retry-1");
	}

	@Test
	void paymentThatTimesOutOnceIsChargedOnTheFirstRetryTopic() throws Exception {
		this.publisher.requestPayment(new OrderEvent("retry-flaky", 1, "PAYMENT_REQUESTED", 1_000)).get();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.gateway.charged("retry-flaky"));
		assertThat(this.gateway.attemptsOf("retry-flaky")).containsExactly(this.topics.payments(),
				this.topics.payments() + "-retry-0");
		assertThat(this.deadLetters.all()).noneMatch((letter) -> "retry-flaky".equals(letter.key()));
	}

	@Test
	void rejectedPaymentIsNotRetriedAndGoesStraightToTheDeadLetterTopic() throws Exception {
		this.publisher.requestPayment(new OrderEvent("retry-rejected", 1, "PAYMENT_REQUESTED", -5)).get();

		DeadLetter letter = awaitDeadLetter("retry-rejected");
		assertThat(this.gateway.attemptsOf("retry-rejected")).containsExactly(this.topics.payments());
		assertThat(letter.cause()).isEqualTo(PaymentRejected.class.getName());
		assertThat(letter.attempts()).isEqualTo(1);
	}

	@Test
	void bytesThatAreNoEventGoToTheDeadLetterTopicAsTheyArrivedWithTheCauseInTheHeaders() throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.kafka.getBootstrapServers())),
				new StringSerializer(), new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(this.topics.payments(), "retry-garbage",
						"{\"orderId\": not json".getBytes(StandardCharsets.UTF_8)))
				.get();
		}

		DeadLetter letter = awaitDeadLetter("retry-garbage");
		assertThat(letter.value()).isEqualTo("{\"orderId\": not json");
		assertThat(letter.exception()).isEqualTo(DeserializationException.class.getName());
		assertThat(letter.message()).contains("failed to deserialize");
		// Never handed to the listener, so never retried: no poison loop.
		assertThat(this.gateway.attemptsOf("retry-garbage")).isEmpty();
	}

	private DeadLetter awaitDeadLetter(String key) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.deadLetters.all().stream().anyMatch((letter) -> key.equals(letter.key())));
		List<DeadLetter> letters = this.deadLetters.all()
			.stream()
			.filter((letter) -> key.equals(letter.key()))
			.toList();
		assertThat(letters).as("one dead letter for " + key).hasSize(1);
		return letters.get(0);
	}

}
