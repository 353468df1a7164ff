package dev.backendbyexample.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pipeline is killed (SIGKILL, a JVM of its own) with a transaction open: its output
 * is already on the broker, its offsets are not committed. The restarted pipeline aborts
 * that transaction and processes the batch again. {@code read_committed} readers see
 * every input exactly once; {@code read_uncommitted} readers also see the aborted copies.
 * Bytes that are no order event go to the dead-letter topic and the pipeline goes on; a
 * failure that is not Kafka's aborts the transaction too.
 */
@KafkaIntegrationTest
class ExactlyOnceCrashIntegrationTests {

	static final int INPUTS = 200;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	KafkaTemplate<String, Object> template;

	@Autowired
	OrderTopics topics;

	@Autowired
	KafkaConnectionDetails kafka;

	@Test
	void killedMidTransactionThenRestartedEveryInputIsInTheCommittedOutputExactlyOnce() throws Exception {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		String input = Records.createTopic(bootstrap, this.topics.group("eos-crash-in"), 3);
		String output = Records.createTopic(bootstrap, this.topics.group("eos-crash-out"), 3);
		String group = this.topics.group("eos-crash");
		String transactionalId = this.topics.group("eos-crash-ledger-0");
		Set<String> inputs = new HashSet<>();
		for (int i = 0; i < INPUTS; i++) {
			OrderEvent event = new OrderEvent("eos-" + (i % 20), i / 20 + 1, "PLACED", 100 + i);
			SendResult<String, Object> sent = this.template.send(input, event.orderId(), event).get();
			RecordMetadata metadata = sent.getRecordMetadata();
			inputs.add(metadata.partition() + "@" + metadata.offset());
		}

		// The worker commits two batches, writes the third and is killed before
		// committing it.
		PipelineCrash.Crash crash = PipelineCrash.killMidTransaction(bootstrap, input, output, group, transactionalId,
				3);
		assertThat(crash.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		assertThat(crash.committed()).isPositive();
		assertThat(crash.inFlight()).isPositive();
		// The third batch was on the broker, in an open transaction: read_uncommitted saw
		// it.
		assertThat(crash.visibleUncommitted()).isEqualTo(crash.committed() + crash.inFlight());
		int inFlight = crash.inFlight();

		// The restart: same transactional id, same group. initTransactions() aborts the
		// open
		// transaction; the group's committed offsets send it back to the third batch.
		int processed = PipelineCrash.finish(bootstrap, input, output, group, transactionalId, crash.committed(),
				INPUTS);
		assertThat(crash.committed() + processed).as("the restart resumed where the last commit left off")
			.isEqualTo(INPUTS);

		List<String> readCommitted = sources(Records.readAll(bootstrap, output, "read_committed"));
		assertThat(readCommitted).as("read_committed: every input once").hasSize(INPUTS).doesNotHaveDuplicates();
		assertThat(new HashSet<>(readCommitted)).isEqualTo(inputs);

		List<String> readUncommitted = sources(Records.readAll(bootstrap, output, "read_uncommitted"));
		assertThat(readUncommitted).as("read_uncommitted: the aborted batch too").hasSize(INPUTS + inFlight);
		Map<String, Long> copies = readUncommitted.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(copies.values().stream().filter((count) -> count == 2)).as("inputs seen twice").hasSize(inFlight);
	}

	@Test
	void poisonRecordsInTheInputGoToTheDeadLetterTopicAndEveryGoodInputIsInTheOutputOnce() throws Exception {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		String input = Records.createTopic(bootstrap, this.topics.group("eos-poison-in"), 1);
		String output = Records.createTopic(bootstrap, this.topics.group("eos-poison-out"), 1);
		String deadLetters = Records.createTopic(bootstrap, input + "-dlt", 1);
		// 30 good events with a record that is not JSON after the 5th, 15th and 25th: one
		// partition, so each poison record sits between good ones.
		Set<String> goods = new HashSet<>();
		List<String> poisons = new ArrayList<>();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < 30; i++) {
				OrderEvent event = new OrderEvent("poison-" + (i % 3), i / 3 + 1, "PLACED", 100 + i);
				RecordMetadata good = producer
					.send(new ProducerRecord<>(input, event.orderId(), json.writeValueAsBytes(event)))
					.get();
				goods.add(good.partition() + "@" + good.offset());
				if (i % 10 == 4) {
					String poison = "not json {" + i;
					producer.send(new ProducerRecord<>(input, event.orderId(), poison.getBytes(StandardCharsets.UTF_8)))
						.get();
					poisons.add(poison);
				}
			}
		}

		int processed = runUntil(bootstrap, input, output, this.topics.group("eos-poison"), goods.size(),
				ExactlyOncePipeline.BeforeCommit.NOTHING);

		assertThat(processed).as("every good input, none lost behind a poison record").isEqualTo(goods.size());
		List<String> readCommitted = sources(Records.readAll(bootstrap, output, "read_committed"));
		assertThat(readCommitted).doesNotHaveDuplicates();
		assertThat(new HashSet<>(readCommitted)).isEqualTo(goods);
		assertThat(Records.readAll(bootstrap, deadLetters, "read_committed")).map(ConsumerRecord::value)
			.as("the poison records, byte for byte")
			.containsExactlyElementsOf(poisons);
	}

	@Test
	void failureThatIsNotKafkasAbortsTheTransactionAndTheRetryCommitsEveryInputOnce() throws Exception {
		String bootstrap = String.join(",", this.kafka.getBootstrapServers());
		String input = Records.createTopic(bootstrap, this.topics.group("eos-npe-in"), 1);
		String output = Records.createTopic(bootstrap, this.topics.group("eos-npe-out"), 1);
		String group = this.topics.group("eos-npe");
		Set<String> inputs = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			OrderEvent event = new OrderEvent("npe-" + (i % 4), i / 4 + 1, "PLACED", 100 + i);
			RecordMetadata metadata = this.template.send(input, event.orderId(), event).get().getRecordMetadata();
			inputs.add(metadata.partition() + "@" + metadata.offset());
		}
		try (ExactlyOncePipeline pipeline = new ExactlyOncePipeline(bootstrap, input, output, group,
				this.topics.group("eos-npe-ledger-0"))) {
			// The first batch's output is on the broker when a bug strikes, before the
			// commit.
			assertThatIllegalStateException().isThrownBy(() -> {
				int batch = 0;
				while (batch == 0) {
					batch = pipeline.processBatch(Duration.ofMillis(200), (count) -> {
						throw new IllegalStateException("a bug between write and commit");
					});
				}
			}).withMessage("a bug between write and commit");
			// Had the transaction been left open, this would fail: a producer cannot
			// begin
			// a transaction inside another.
			int processed = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (processed < inputs.size() && System.nanoTime() < deadline) {
				processed += pipeline.processBatch(Duration.ofMillis(200), ExactlyOncePipeline.BeforeCommit.NOTHING);
			}
			assertThat(processed).as("the aborted batch was read again").isEqualTo(inputs.size());
		}

		List<String> readCommitted = sources(Records.readAll(bootstrap, output, "read_committed"));
		assertThat(readCommitted).hasSize(inputs.size()).doesNotHaveDuplicates();
		assertThat(new HashSet<>(readCommitted)).isEqualTo(inputs);
	}

	private static int runUntil(String bootstrap, String input, String output, String group, int inputs,
			ExactlyOncePipeline.BeforeCommit beforeCommit) {
		int processed = 0;
		try (ExactlyOncePipeline pipeline = new ExactlyOncePipeline(bootstrap, input, output, group, group + "-0")) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (processed < inputs && System.nanoTime() < deadline) {
				processed += pipeline.processBatch(Duration.ofMillis(200), beforeCommit);
			}
		}
		return processed;
	}

	private static List<String> sources(List<ConsumerRecord<String, String>> records) {
		List<String> sources = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			LedgerEntry entry = json.readValue(record.value(), LedgerEntry.class);
			sources.add(entry.sourcePartition() + "@" + entry.sourceOffset());
		}
		return sources;
	}

}
