package dev.backendbyexample.messaging.kafka;

import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Charges payments with non-blocking retries: a failed record is forwarded to
 * {@code payments-retry-0} (tried again after 100 ms), then {@code payments-retry-1} (200
 * ms), then the dead-letter topic {@code payments-dlt} — while the records behind it on
 * the main topic go on being processed. Three attempts in all, so a poison record can
 * never loop.
 */
@Component
class PaymentListener {

	private final PaymentGateway gateway;

	PaymentListener(PaymentGateway gateway) {
		this.gateway = gateway;
	}

	// A rejection is final: retrying it would only repeat it, so it is excluded and goes
	// straight to the DLT; a DeserializationException (bytes that are no OrderEvent) is
	// never retried either, by the framework's default. The DLT has its own listener
	// (DeadLetterAudit), which reads the bytes as text, so no DLT handler is started
	// here.
	@RetryableTopic(attempts = "3", backOff = @BackOff(delay = 100, multiplier = 2), exclude = PaymentRejected.class,
			traversingCauses = "true", topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
			autoStartDltHandler = "false")
	@KafkaListener(id = "${messaging.kafka.topic-prefix:}payments", topics = "${messaging.kafka.topic-prefix:}payments",
			groupId = "${messaging.kafka.topic-prefix:}payments")
	void on(OrderEvent payment, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		this.gateway.charge(payment, topic);
	}

}
