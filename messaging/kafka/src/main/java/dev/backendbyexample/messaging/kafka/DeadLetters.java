package dev.backendbyexample.messaging.kafka;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What reached the dead-letter topic, with the reason the framework wrote in its headers:
 * where an operator would look before fixing and replaying.
 */
@Component
public class DeadLetters {

	private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

	void add(DeadLetter letter) {
		this.letters.add(letter);
	}

	/** Every dead letter, in arrival order. */
	public List<DeadLetter> all() {
		return List.copyOf(this.letters);
	}

	/**
	 * One record on the dead-letter topic.
	 *
	 * @param key the record key (the order id)
	 * @param value the value as it arrived on the dead-letter topic, as text
	 * @param exception the exception class the last attempt failed with (header
	 * {@code kafka_exception-fqcn})
	 * @param cause the class of its cause, if any ({@code kafka_exception-cause-fqcn})
	 * @param message its message ({@code kafka_exception-message})
	 * @param originalTopic the topic it first failed on ({@code kafka_original-topic})
	 * @param attempts how many times it was tried ({@code retry_topic-attempts}; 1 when
	 * it was never retried)
	 */
	public record DeadLetter(@Nullable String key, String value, @Nullable String exception, @Nullable String cause,
			@Nullable String message, @Nullable String originalTopic, int attempts) {

	}

}
