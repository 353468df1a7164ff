package dev.backendbyexample.messaging.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the orders topic with three consumers of one group (six partitions, two each)
 * and keeps every order's events in the order they were processed.
 */
@Component
public class OrderHistory {

	private final Map<String, List<Received>> byOrder = new ConcurrentHashMap<>();

	private final List<Received> all = new CopyOnWriteArrayList<>();

	@KafkaListener(id = "${messaging.kafka.topic-prefix:}order-history",
			topics = "${messaging.kafka.topic-prefix:}orders",
			groupId = "${messaging.kafka.topic-prefix:}order-history", concurrency = "3")
	void on(ConsumerRecord<String, OrderEvent> record) {
		Received received = new Received(record.value(), record.partition(), record.offset(),
				Thread.currentThread().getName());
		this.byOrder.computeIfAbsent(record.key(), (key) -> new CopyOnWriteArrayList<>()).add(received);
		this.all.add(received);
	}

	/** The order's events, in the order this service processed them. */
	public List<Received> of(String orderId) {
		return List.copyOf(this.byOrder.getOrDefault(orderId, List.of()));
	}

	/**
	 * Every event, in the order this service processed them (across its three consumers).
	 */
	public List<Received> all() {
		return List.copyOf(this.all);
	}

	/**
	 * One processed event.
	 *
	 * @param event the event
	 * @param partition the partition it was read from
	 * @param offset its offset in that partition
	 * @param consumer the consumer thread that processed it
	 */
	public record Received(OrderEvent event, int partition, long offset, String consumer) {

	}

}
