package dev.backendbyexample.messaging.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * One consumer of a group, as a Spring Kafka listener container: it records what it
 * processed ("partition@offset") and every assignment and revocation the group gave it.
 * Offsets are committed after each record, so "processed" and "committed" never differ by
 * more than the record being processed.
 */
final class GroupMember implements AutoCloseable {

	private final KafkaMessageListenerContainer<String, OrderEvent> container;

	private final List<String> processed = new CopyOnWriteArrayList<>();

	private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

	private final List<Set<TopicPartition>> revocations = new CopyOnWriteArrayList<>();

	@SuppressWarnings("unchecked")
	GroupMember(ConsumerFactory<?, ?> factory, String topic, String group, String name, Class<?> assignor) {
		ContainerProperties properties = new ContainerProperties(topic);
		properties.setGroupId(group);
		properties.setClientId(name);
		properties.setAckMode(ContainerProperties.AckMode.RECORD);
		properties.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
		properties.setMessageListener((MessageListener<String, OrderEvent>) this::process);
		properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
				if (!partitions.isEmpty()) {
					GroupMember.this.revocations.add(Set.copyOf(partitions));
				}
				GroupMember.this.assigned.removeAll(partitions);
			}

			@Override
			public void onPartitionsLost(Collection<TopicPartition> partitions) {
				GroupMember.this.assigned.removeAll(partitions);
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
				GroupMember.this.assigned.addAll(partitions);
			}

		});
		this.container = new KafkaMessageListenerContainer<>((ConsumerFactory<String, OrderEvent>) factory, properties);
		this.container.setBeanName(name);
		this.container.start();
	}

	private void process(ConsumerRecord<String, OrderEvent> record) {
		this.processed.add(record.partition() + "@" + record.offset());
	}

	List<String> processed() {
		return List.copyOf(this.processed);
	}

	Set<TopicPartition> assigned() {
		return Set.copyOf(this.assigned);
	}

	/**
	 * The partitions taken away at each rebalance, in order (empty revocations left out).
	 */
	List<Set<TopicPartition>> revocations() {
		return List.copyOf(this.revocations);
	}

	/** Leaves the group (the consumer closes, so the group rebalances at once). */
	@Override
	public void close() {
		this.container.stop();
	}

}
