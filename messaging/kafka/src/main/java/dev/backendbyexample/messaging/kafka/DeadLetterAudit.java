package dev.backendbyexample.messaging.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads the payments dead-letter topic as text — it holds the records JSON could not
 * parse, so it must not be read as JSON — and records each letter with its reason.
 */
@Component
class DeadLetterAudit {

	private final DeadLetters letters;

	DeadLetterAudit(DeadLetters letters) {
		this.letters = letters;
	}

	@KafkaListener(id = "${messaging.kafka.topic-prefix:}payments-dead-letters",
			topics = "${messaging.kafka.topic-prefix:}payments-dlt",
			groupId = "${messaging.kafka.topic-prefix:}payments-dead-letters",
			properties = "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer")
	void on(ConsumerRecord<String, String> record) {
		Headers headers = record.headers();
		this.letters.add(new DeadLetters.DeadLetter(record.key(), String.valueOf(record.value()),
				text(headers, KafkaHeaders.EXCEPTION_FQCN), text(headers, KafkaHeaders.EXCEPTION_CAUSE_FQCN),
				text(headers, KafkaHeaders.EXCEPTION_MESSAGE), text(headers, KafkaHeaders.ORIGINAL_TOPIC),
				attempts(headers)));
	}

	// The retry-topic framework numbers each delivery in a four-byte int header; the
	// delivery to the DLT counts too, so the attempts made are one fewer.
	private static int attempts(Headers headers) {
		Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
		return (header != null) ? ByteBuffer.wrap(header.value()).getInt() - 1 : 1;
	}

	private static @Nullable String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
