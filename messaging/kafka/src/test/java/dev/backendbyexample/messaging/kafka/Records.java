package dev.backendbyexample.messaging.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Test helpers on plain clients: make a topic, read a whole topic back as a given
 * isolation level sees it.
 */
final class Records {

	private Records() {
	}

	static String createTopic(String bootstrapServers, String name, int partitions)
			throws InterruptedException, ExecutionException, TimeoutException {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) -1))).all().get(30, TimeUnit.SECONDS);
			awaitLeaders(admin, name, partitions);
		}
		return name;
	}

	// createTopics() returns once the controller has recorded the topic; the broker
	// creates
	// the partitions a moment later. An idempotent producer whose first batches meet that
	// moment (NOT_LEADER_OR_FOLLOWER) was seen here, with Kafka 4.2.1, to retry the
	// batches
	// behind them forever with OUT_OF_ORDER_SEQUENCE_NUMBER: so wait until every
	// partition's
	// leader answers ListOffsets, which only a leader that has the partition does.
	static void awaitLeaders(Admin admin, String topic, int partitions) {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int partition = 0; partition < partitions; partition++) {
			latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
			return true;
		});
	}

	/**
	 * Every record of the topic, from the beginning to the end it has now, as a consumer
	 * with this isolation level sees it ("read_committed" or "read_uncommitted"); values
	 * as text.
	 */
	static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, String isolationLevel) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "reader-" + UUID.randomUUID());
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			// read_committed stops at the last stable offset, so an open transaction
			// would hold
			// this loop until it ends: the tests read only after every transaction ended.
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Could not read " + topic + " to its end " + ends + " in 30 s");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
