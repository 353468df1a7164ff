package dev.backendbyexample.messaging.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline is killed (SIGKILL, a JVM of its own) with a transaction open: its output
 * is already on the broker, its offsets are not committed. The restarted pipeline aborts
 * that transaction and processes the batch again. {@code read_committed} readers see
 * every input exactly once; {@code read_uncommitted} readers also see the aborted copies.
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

	private static List<String> sources(List<ConsumerRecord<String, String>> records) {
		List<String> sources = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			LedgerEntry entry = json.readValue(record.value(), LedgerEntry.class);
			sources.add(entry.sourcePartition() + "@" + entry.sourceOffset());
		}
		return sources;
	}

}
