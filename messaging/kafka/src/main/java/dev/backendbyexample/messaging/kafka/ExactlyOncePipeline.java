package dev.backendbyexample.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Read-process-write exactly once: each batch of order events is read, turned into ledger
 * entries, written, and the consumer's offsets committed — all in one Kafka transaction.
 * A crash anywhere before the commit leaves nothing visible to {@code read_committed}
 * readers; the restarted instance (same transactional id) aborts the open transaction and
 * reads the batch again. A record that is no {@code OrderEvent} is copied, as its raw
 * bytes, to the dead-letter topic and skipped in a transaction of its own, so it cannot
 * stop the partition.
 *
 * <p>
 * Plain Kafka clients on purpose, so every step is in sight; Spring Kafka does the same
 * with a listener container and a {@code KafkaTransactionManager}.
 */
public final class ExactlyOncePipeline implements AutoCloseable {

	private final KafkaConsumer<String, OrderEvent> consumer;

	// Ledger entries as JSON, dead letters as the bytes they came as.
	private final KafkaProducer<String, Object> producer;

	private final String output;

	private final String deadLetters;

	/**
	 * Connects, subscribes and fences any earlier instance with the same transactional
	 * id; records that are no order event go to {@code <input>-dlt}.
	 * @param bootstrapServers where Kafka is
	 * @param input the topic of order events
	 * @param output the ledger topic
	 * @param groupId the consumer group whose offsets the transactions commit
	 * @param transactionalId one per pipeline instance, stable across its restarts
	 */
	public ExactlyOncePipeline(String bootstrapServers, String input, String output, String groupId,
			String transactionalId) {
		this(bootstrapServers, input, output, input + "-dlt", groupId, transactionalId);
	}

	/**
	 * Connects, subscribes and fences any earlier instance with the same transactional
	 * id.
	 * @param bootstrapServers where Kafka is
	 * @param input the topic of order events
	 * @param output the ledger topic
	 * @param deadLetters where records that are no order event are copied
	 * @param groupId the consumer group whose offsets the transactions commit
	 * @param transactionalId one per pipeline instance, stable across its restarts
	 */
	public ExactlyOncePipeline(String bootstrapServers, String input, String output, String deadLetters, String groupId,
			String transactionalId) {
		this.output = output;
		this.deadLetters = deadLetters;
		Map<String, Object> consumer = new HashMap<>();
		consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		// Static membership: a restarted instance takes its predecessor's place at once,
		// instead of waiting for the dead one's session to time out.
		consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId);
		// Offsets are committed in the transaction, never by the consumer itself.
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// Never read another pipeline's aborted output as input.
		consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		this.consumer = new KafkaConsumer<>(consumer, new StringDeserializer(),
				new JacksonJsonDeserializer<>(OrderEvent.class, false));
		Map<String, Object> producer = new HashMap<>();
		producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		// A transactional id implies idempotence and acks=all.
		producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		this.producer = new KafkaProducer<>(producer, new StringSerializer(),
				new DelegatingByTypeSerializer(
						Map.of(LedgerEntry.class, new JacksonJsonSerializer<LedgerEntry>().noTypeInfo(), byte[].class,
								new ByteArraySerializer())));
		// Bumps the producer epoch: the coordinator aborts whatever the previous instance
		// left
		// open, and that instance can no longer commit (ProducerFencedException).
		this.producer.initTransactions();
		this.consumer.subscribe(List.of(input));
	}

	/**
	 * Polls once and, if records came, processes them in one transaction.
	 * @param timeout how long to wait for records
	 * @param beforeCommit called after the batch's output reached the broker, before the
	 * commit (the crash test stops the process there)
	 * @return how many records were processed
	 */
	public int processBatch(Duration timeout, BeforeCommit beforeCommit) {
		ConsumerRecords<String, OrderEvent> records;
		try {
			records = this.consumer.poll(timeout);
		}
		catch (RecordDeserializationException ex) {
			// Polling again would throw again, forever: the consumer stays on the record.
			deadLetter(ex);
			return 0;
		}
		if (records.isEmpty()) {
			return 0;
		}
		// exercise:begin read-process-write
		this.producer.beginTransaction();
		try {
			for (ConsumerRecord<String, OrderEvent> record : records) {
				this.producer.send(new ProducerRecord<>(this.output, record.key(), entryFor(record)));
			}
			this.producer.sendOffsetsToTransaction(nextOffsets(records), this.consumer.groupMetadata());
			this.producer.flush();
			beforeCommit.reached(records.count());
			this.producer.commitTransaction();
			return records.count();
		}
		catch (ProducerFencedException ex) {
			// A newer instance took over: this one must stop, never abort its successor's
			// work.
			throw ex;
		}
		catch (RuntimeException ex) {
			// Any failure, not only Kafka's (a bug in entryFor, a failing hook): a
			// transaction left open would block this producer and hold back every
			// read_committed reader of the output.
			this.producer.abortTransaction();
			rewind(records);
			throw ex;
		}
		// exercise:end read-process-write
	}

	// Copies the record's raw bytes to the dead-letter topic and commits the offset past
	// it, in one transaction: the record is skipped exactly when its copy is kept.
	private void deadLetter(RecordDeserializationException ex) {
		TopicPartition partition = ex.topicPartition();
		long next = ex.offset() + 1;
		byte[] value = (ex.valueBuffer() != null) ? Utils.toArray(ex.valueBuffer()) : null;
		String key = (ex.keyBuffer() != null) ? new String(Utils.toArray(ex.keyBuffer()), StandardCharsets.UTF_8)
				: null;
		this.producer.beginTransaction();
		try {
			this.producer.send(new ProducerRecord<>(this.deadLetters, key, value));
			this.producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(next)),
					this.consumer.groupMetadata());
			this.producer.commitTransaction();
		}
		catch (ProducerFencedException fenced) {
			throw fenced;
		}
		catch (RuntimeException failed) {
			this.producer.abortTransaction();
			throw failed;
		}
		this.consumer.seek(partition, next);
	}

	static LedgerEntry entryFor(ConsumerRecord<String, OrderEvent> record) {
		OrderEvent event = record.value();
		return new LedgerEntry(event.orderId(), event.sequence(), event.amountCents(), record.partition(),
				record.offset());
	}

	// The offset to commit is the next one to read, not the last one read.
	private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, OrderEvent> records) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<String, OrderEvent>> batch = records.records(partition);
			offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
		}
		return offsets;
	}

	// After an abort the consumer's position is past the batch: go back, so the next poll
	// reads it again.
	private void rewind(ConsumerRecords<String, OrderEvent> records) {
		for (TopicPartition partition : records.partitions()) {
			this.consumer.seek(partition, records.records(partition).get(0).offset());
		}
	}

	@Override
	public void close() {
		this.consumer.close();
		this.producer.close();
	}

	/** A hook between the batch's writes and its commit. */
	@FunctionalInterface
	public interface BeforeCommit {

		/** Nothing in particular happens between write and commit. */
		BeforeCommit NOTHING = (count) -> {
		};

		void reached(int records);

	}

}
