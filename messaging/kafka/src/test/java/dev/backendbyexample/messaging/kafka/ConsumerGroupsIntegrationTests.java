package dev.backendbyexample.messaging.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
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
 * Consumers of one group share a topic's partitions and hand them over when one joins or
 * leaves — while records keep arriving — without a record processed by both; another
 * group reads the same records on its own; cooperative rebalancing moves only what
 * changes owner.
 */
@KafkaIntegrationTest
class ConsumerGroupsIntegrationTests {

	static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	ConsumerFactory<?, ?> consumers;

	@Autowired
	KafkaTemplate<String, Object> template;

	@Autowired
	OrderTopics topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Test
	void twoConsumersShareThePartitionsThroughAJoinAndALeaveAndNoRecordIsProcessedByBoth() throws Exception {
		String topic = Records.createTopic(bootstrap(), this.topics.group("groups-share"), 6);
		String group = this.topics.group("groups-share");
		Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
		AtomicBoolean producing = new AtomicBoolean(true);
		// One thread keeps sending, one record at a time, through both rebalances.
		CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
			int i = 0;
			while (producing.get() || i < 60) {
				sent.add(send(topic, "group-" + (i % 30), i++));
			}
		});
		try (GroupMember a = new GroupMember(this.consumers, topic, group, "a", CooperativeStickyAssignor.class)) {
			await().atMost(WAIT).until(() -> a.assigned().size() == 6 && a.processed().size() >= 20);
			try (GroupMember b = new GroupMember(this.consumers, topic, group, "b", CooperativeStickyAssignor.class)) {
				// b joins: three partitions move to it; a keeps the other three, never
				// revoked.
				await().atMost(WAIT).until(() -> a.assigned().size() == 3 && b.assigned().size() == 3);
				assertThat(a.revocations()).as("cooperative: only the partitions that moved")
					.containsExactly(b.assigned());
				int bBefore = b.processed().size();
				await().atMost(WAIT).until(() -> b.processed().size() > bBefore + 10);
				// a leaves: b takes all six.
				a.close();
				await().atMost(WAIT).until(() -> b.assigned().size() == 6);
				int bAfter = b.processed().size();
				await().atMost(WAIT).until(() -> b.processed().size() > bAfter + 10);
				producing.set(false);
				producer.get();
				await().atMost(WAIT).until(() -> a.processed().size() + b.processed().size() >= sent.size());

				Set<String> byA = new HashSet<>(a.processed());
				Set<String> byB = new HashSet<>(b.processed());
				assertThat(a.processed()).doesNotHaveDuplicates();
				assertThat(b.processed()).doesNotHaveDuplicates();
				assertThat(byA).as("processed by both a and b").doesNotContainAnyElementsOf(byB);
				Set<String> all = new HashSet<>(byA);
				all.addAll(byB);
				assertThat(all).isEqualTo(sent);

				// Another group reads the same records, from the beginning, on its own.
				try (GroupMember other = new GroupMember(this.consumers, topic, this.topics.group("groups-other"),
						"other", CooperativeStickyAssignor.class)) {
					await().atMost(WAIT).until(() -> other.processed().size() >= sent.size());
					assertThat(other.processed()).doesNotHaveDuplicates().hasSameElementsAs(sent);
				}
				assertThat(b.processed()).as("the other group took nothing from b's group").hasSameSizeAs(byB);
			}
		}
		finally {
			producing.set(false);
		}
	}

	@Test
	void eagerRebalancingRevokesEveryPartitionWhenAConsumerJoins() throws Exception {
		String topic = Records.createTopic(bootstrap(), this.topics.group("groups-eager"), 6);
		String group = this.topics.group("groups-eager");
		try (GroupMember a = new GroupMember(this.consumers, topic, group, "a", RangeAssignor.class)) {
			await().atMost(WAIT).until(() -> a.assigned().size() == 6);
			try (GroupMember b = new GroupMember(this.consumers, topic, group, "b", RangeAssignor.class)) {
				await().atMost(WAIT).until(() -> a.assigned().size() == 3 && b.assigned().size() == 3);
				// Stop-the-world: a gave up all six, then got three back.
				assertThat(a.revocations()).hasSize(1);
				assertThat(a.revocations().get(0)).hasSize(6);
				List<TopicPartition> kept = new ArrayList<>(a.assigned());
				assertThat(a.revocations().get(0)).containsAll(kept);
			}
		}
	}

	private String send(String topic, String key, int i) {
		try {
			RecordMetadata metadata = this.template.send(topic, key, new OrderEvent(key, i, "PLACED", i))
				.get()
				.getRecordMetadata();
			return metadata.partition() + "@" + metadata.offset();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String bootstrap() {
		return String.join(",", this.kafka.getBootstrapServers());
	}

}
