package dev.backendbyexample.messaging.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Replay: moves a consumer group back to an offset or a point in time, as
 * {@code kafka-consumer-groups.sh --reset-offsets} does. The log keeps the records, so
 * reprocessing is a matter of moving the group's committed offsets. The group must have
 * no running members (stop the consumers first; the broker refuses otherwise).
 */
@Component
public class GroupOffsets {

	private final KafkaAdmin kafkaAdmin;

	GroupOffsets(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	/**
	 * Points the group, on every partition of the topic, at the first record written at
	 * or after the instant (the partition's end if there is none).
	 * @return the new offsets
	 */
	public Map<TopicPartition, Long> resetToTime(String group, String topic, Instant instant)
			throws InterruptedException, ExecutionException {
		// exercise:begin replay-by-time
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
			Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
			Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
			for (int partition = 0; partition < partitions; partition++) {
				atTime.put(new TopicPartition(topic, partition), OffsetSpec.forTimestamp(instant.toEpochMilli()));
				atEnd.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(atTime).all().get();
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(atEnd).all().get();
			Map<TopicPartition, Long> offsets = new HashMap<>();
			found.forEach((partition, info) -> offsets.put(partition,
					(info.offset() >= 0) ? info.offset() : ends.get(partition).offset()));
			return reset(admin, group, offsets);
		}
		// exercise:end replay-by-time
	}

	/** Points the group at the given offsets. */
	public Map<TopicPartition, Long> resetTo(String group, Map<TopicPartition, Long> offsets)
			throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			return reset(admin, group, offsets);
		}
	}

	private static Map<TopicPartition, Long> reset(Admin admin, String group, Map<TopicPartition, Long> offsets)
			throws InterruptedException, ExecutionException {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
		offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
		admin.alterConsumerGroupOffsets(group, committed).all().get();
		return offsets;
	}

}
