package dev.backendbyexample.messaging.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Replication made real: three KRaft brokers in this JVM (a cluster of this test's own,
 * not the shared one-broker harness), a topic with three replicas and
 * {@code min.insync.replicas=2}, and the service's producer settings (acks=all,
 * idempotence). The partition leader is stopped while records stream in: every record the
 * producer was told is written is there afterwards, once, in order. With a second broker
 * gone, writes are refused rather than acknowledged on one copy.
 */
class ReplicatedDurabilityIntegrationTests {

	static final int RECORDS = 3000;

	static final int STOP_LEADER_AFTER = 1000;

	static KafkaClusterTestKit cluster;

	// Three brokers and one KRaft controller of their own, through Kafka's test kit (what
	// spring-kafka-test's EmbeddedKafkaKraftBroker wraps). EmbeddedKafkaKraftBroker(3)
	// makes
	// all three nodes controllers too, and that three-voter quorum fails here at start-up
	// ("Received unexpected invalid request error" in the raft thread): replication is a
	// broker matter, so one controller is enough for what this test shows.
	@BeforeAll
	static void startThreeBrokers() throws Exception {
		cluster = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
			.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
	}

	@AfterAll
	static void stopThem() throws Exception {
		cluster.close();
	}

	@Test
	void acknowledgedRecordsSurviveTheLossOfThePartitionLeaderAndWithTwoBrokersGoneWritesAreRefused() throws Exception {
		String topic = "durable";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
				.all()
				.get(30, TimeUnit.SECONDS);
			// The controller has the topic; the brokers learn of it a moment later.
			Records.awaitLeaders(admin, topic, 1);
			int leader = partition(admin, topic).leader().id();

			Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
			List<Exception> failures = new ArrayList<>();
			CountDownLatch enoughAcknowledged = new CountDownLatch(STOP_LEADER_AFTER);
			try (KafkaProducer<String, String> producer = producer(Map.of())) {
				// Sends run ahead of acknowledgements (up to five requests in flight), so
				// the
				// leader stops with records in flight, not between two of them.
				Thread stream = Thread.ofPlatform().start(() -> {
					for (int i = 0; i < RECORDS; i++) {
						int sequence = i;
						producer.send(new ProducerRecord<>(topic, "order-1", Integer.toString(i)), (metadata, ex) -> {
							if (ex == null) {
								acknowledged.add(sequence);
								enoughAcknowledged.countDown();
							}
							else {
								synchronized (failures) {
									failures.add(ex);
								}
							}
						});
					}
				});
				assertThat(enoughAcknowledged.await(60, TimeUnit.SECONDS)).isTrue();
				cluster.brokers().get(leader).shutdown();
				stream.join();
				producer.flush();
			}

			TopicPartitionInfo after = partition(admin, topic);
			assertThat(after.leader().id()).as("a new leader").isNotEqualTo(leader);
			await().atMost(Duration.ofSeconds(30)).until(() -> partition(admin, topic).isr().size() == 2);
			assertThat(failures).as("no send failed: two in-sync replicas were left").isEmpty();
			List<Integer> stored = Records.readAll(cluster.bootstrapServers(), topic, "read_uncommitted")
				.stream()
				.map(ConsumerRecord::value)
				.map(Integer::valueOf)
				.toList();
			assertThat(acknowledged).hasSize(RECORDS);
			assertThat(stored).as("every acknowledged record, once, in order (idempotent retries)")
				.containsExactlyElementsOf(java.util.stream.IntStream.range(0, RECORDS).boxed().toList());

			// A second broker gone: one in-sync replica, fewer than min.insync.replicas.
			int secondLeader = after.leader().id();
			cluster.brokers().get(secondLeader).shutdown();
			await().atMost(Duration.ofSeconds(30)).until(() -> partition(admin, topic).isr().size() == 1);
			try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
					5000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, ProducerConfig.LINGER_MS_CONFIG, 0))) {
				Future<RecordMetadata> refused = producer
					.send(new ProducerRecord<>(topic, "order-1", Integer.toString(RECORDS)));
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(refused::get)
					.havingCause()
					.isInstanceOfAny(NotEnoughReplicasException.class, TimeoutException.class);
			}
			assertThat(Records.readAll(cluster.bootstrapServers(), topic, "read_uncommitted")).hasSize(RECORDS);
		}
	}

	private static TopicPartitionInfo partition(Admin admin, String topic) throws Exception {
		TopicDescription description = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get(topic);
		return description.partitions().get(0);
	}

	// The service's producer settings (application.yml): acks=all, idempotence, lz4, 64
	// KiB
	// batches, 10 ms linger.
	private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 65536);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
		properties.putAll(overrides);
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

}
