package dev.backendbyexample.messaging.kafka;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log keeps what was read: moving a group's offsets back to a point in time (or to an
 * offset) makes it process those records again.
 */
@KafkaIntegrationTest
class ReplayIntegrationTests {

	static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	ConsumerFactory<?, ?> consumers;

	@Autowired
	KafkaTemplate<String, Object> template;

	@Autowired
	GroupOffsets groupOffsets;

	@Autowired
	OrderTopics topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Test
	void groupResetToATimeReprocessesExactlyTheRecordsWrittenSinceAndToOffsetZeroAll() throws Exception {
		String topic = Records.createTopic(String.join(",", this.kafka.getBootstrapServers()),
				this.topics.group("replay"), 3);
		String group = this.topics.group("replay");
		Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
		Instant oneHourAgo = twoHoursAgo.plus(1, ChronoUnit.HOURS);
		Set<String> early = sendAt(topic, twoHoursAgo, 0, 30);
		Set<String> late = sendAt(topic, oneHourAgo, 30, 30);

		try (GroupMember first = member(topic, group)) {
			await().atMost(WAIT).until(() -> first.processed().size() >= 60);
		}
		// The group has no member now: the broker lets its offsets be moved.
		this.groupOffsets.resetToTime(group, topic, oneHourAgo.minus(30, ChronoUnit.MINUTES));
		try (GroupMember replay = member(topic, group)) {
			await().atMost(WAIT).until(() -> replay.processed().size() >= late.size());
			assertThat(new HashSet<>(replay.processed())).isEqualTo(late).doesNotContainAnyElementsOf(early);
		}
		Map<TopicPartition, Long> zero = java.util.stream.IntStream.range(0, 3)
			.boxed()
			.collect(Collectors.toMap((partition) -> new TopicPartition(topic, partition), (partition) -> 0L));
		this.groupOffsets.resetTo(group, zero);
		try (GroupMember again = member(topic, group)) {
			await().atMost(WAIT).until(() -> again.processed().size() >= 60);
			Set<String> all = new HashSet<>(early);
			all.addAll(late);
			assertThat(again.processed()).doesNotHaveDuplicates().hasSameElementsAs(all);
		}
	}

	private GroupMember member(String topic, String group) {
		return new GroupMember(this.consumers, topic, group, "replayer", CooperativeStickyAssignor.class);
	}

	private Set<String> sendAt(String topic, Instant timestamp, int from, int count) throws Exception {
		Set<String> sent = new HashSet<>();
		for (int i = from; i < from + count; i++) {
			String key = "replay-" + (i % 7);
			RecordMetadata metadata = this.template
				.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key,
						new OrderEvent(key, i, "PLACED", i)))
				.get()
				.getRecordMetadata();
			sent.add(metadata.partition() + "@" + metadata.offset());
		}
		return sent;
	}

}
