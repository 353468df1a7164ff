package dev.backendbyexample.messaging.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.backendbyexample.testsupport.demo.BenchmarkArguments;
import dev.backendbyexample.testsupport.demo.Narrator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * Spring Kafka's producer and consumer next to Kafka's own {@code ProducerPerformance}
 * and {@code ConsumerPerformance} (kafka-tools, same release as the broker), with the
 * same settings, against the same broker, in the same run; plus end-to-end latency and
 * transactional throughput. Both producers send the same 1,000 distinct payloads of
 * random capital letters, picked at random per record.
 * <p>
 * Arguments (all optional, {@code --name=value}): {@code --records=200000
 * --record-size=1024 --batch-sizes=16384,65536 --lingers=0,10 --latency-records=5000
 * --peers=true}; an unknown name is refused.
 */
public final class KafkaMessagingBenchmark {

	private static final Pattern PRODUCER_RESULT = Pattern
		.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\)");

	private KafkaMessagingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try {
			run(args, System.out);
		}
		catch (BenchmarkArguments.Invalid ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		// Kafka's client and broker threads are not all daemons; the run is over.
		System.exit(0);
	}

	static void run(String[] args, PrintStream out) throws Exception {
		BenchmarkArguments arguments = BenchmarkArguments.parse(args, "--records=200000", "--record-size=1024",
				"--batch-sizes=16384,65536", "--lingers=0,10", "--latency-records=5000", "--peers=true");
		int records = arguments.positive("records");
		int recordSize = arguments.positive("record-size");
		List<Integer> batchSizes = arguments.positives("batch-sizes");
		List<Integer> lingers = arguments.list("lingers").stream().map((linger) -> {
			try {
				int value = Integer.parseInt(linger);
				if (value >= 0) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// refused below
			}
			throw arguments.invalid("lingers", "a comma-separated list of milliseconds (0 or more)");
		}).toList();
		int latencyRecords = arguments.positive("latency-records");
		boolean peers = arguments.flag("peers");

		try (ConfigurableApplicationContext context = SpringApplication.from(KafkaMessagingApplication::main)
			.with(KafkaServices.class)
			.run("--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--spring.kafka.listener.auto-startup=false")
			.getApplicationContext()) {
			String bootstrap = String.join(",", context.getBean(KafkaConnectionDetails.class).getBootstrapServers());
			OrderTopics topics = context.getBean(OrderTopics.class);
			// The same 1,000 distinct payloads for both producers (random capital
			// letters, as the
			// perf tool makes them): a single repeated payload would let lz4 compress
			// whole
			// batches to almost nothing, and generating one per record would measure the
			// RNG.
			List<byte[]> payloads = payloads(recordSize);
			Path payloadFile = Files.createTempFile("bbe-kafka-payloads", ".txt");
			payloadFile.toFile().deleteOnExit();
			Files.write(payloadFile,
					payloads.stream().map((bytes) -> new String(bytes, StandardCharsets.US_ASCII)).toList());
			byte[] payload = payloads.get(0);
			Narrator narrator = Narrator.recording();
			narrator.title(String.format(Locale.ROOT,
					"Kafka %s, %d records of %d bytes per cell, acks=all, idempotent, lz4, %d cores",
					org.apache.kafka.common.utils.AppInfoParser.getVersion(), records, recordSize,
					Runtime.getRuntime().availableProcessors()));
			List<List<String>> producerRows = new ArrayList<>();
			List<List<String>> consumerRows = new ArrayList<>();
			int cell = 0;
			for (int batchSize : batchSizes) {
				for (int linger : lingers) {
					cell++;
					String ours = Records.createTopic(bootstrap, topics.group("bench-spring-" + cell), 6);
					Result spring = springProducer(bootstrap, ours, payloads, records, batchSize, linger);
					Result peer = null;
					String theirs = null;
					if (peers) {
						theirs = Records.createTopic(bootstrap, topics.group("bench-tool-" + cell), 6);
						peer = producerPerformance(bootstrap, theirs, records, payloadFile, recordSize, batchSize,
								linger);
					}
					producerRows.add(List.of(Integer.toString(batchSize), Integer.toString(linger),
							format(spring.recordsPerSecond()), megabytes(spring.megabytesPerSecond()),
							(peer != null) ? format(peer.recordsPerSecond()) : "-",
							(peer != null) ? megabytes(peer.megabytesPerSecond()) : "-",
							(peer != null) ? ratio(spring.recordsPerSecond(), peer.recordsPerSecond()) : "-"));
					out.println(
							"   measured producer: " + String.join(" | ", producerRows.get(producerRows.size() - 1)));
					if (cell == 1) {
						double springConsumer = springConsumer(bootstrap, ours, records,
								topics.group("bench-consumer"));
						Double toolConsumer = peers
								? consumerPerformance(bootstrap, ours, records, topics.group("bench-consumer-tool"))
								: null;
						consumerRows
							.add(List.of(format(springConsumer), (toolConsumer != null) ? format(toolConsumer) : "-",
									(toolConsumer != null) ? ratio(springConsumer, toolConsumer) : "-"));
					}
				}
			}
			narrator.table(List.of("batch.size", "linger.ms", "Spring records/s", "Spring MB/s", "tool records/s",
					"tool MB/s", "x tool"), producerRows);
			narrator.table(List.of("Spring consumer records/s", "ConsumerPerformance records/s", "x tool"),
					consumerRows);
			long[] latency = endToEndLatency(bootstrap, Records.createTopic(bootstrap, topics.group("bench-e2e"), 6),
					latencyRecords, payload);
			narrator.table(List.of("end-to-end (1000 records/s, linger 10 ms)", "p50 ms", "p99 ms", "max ms"),
					List.of(List.of("send -> listener", Long.toString(latency[0]), Long.toString(latency[1]),
							Long.toString(latency[2]))));
			double transactional = transactionalProducer(bootstrap,
					Records.createTopic(bootstrap, topics.group("bench-tx"), 6), payloads, records,
					topics.group("bench-tx"));
			narrator.table(List.of("transactional producer", "records/s"),
					List.of(List.of("100 records per transaction", format(transactional))));
			out.print(narrator.transcript());
		}
	}

	private static Map<String, Object> producerSettings(String bootstrap, int batchSize, int linger) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		properties.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, linger);
		return properties;
	}

	// KafkaTemplate.send() for every record, then wait for every acknowledgement.
	private static Result springProducer(String bootstrap, String topic, List<byte[]> payloads, int records,
			int batchSize, int linger) {
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(
				producerSettings(bootstrap, batchSize, linger), new StringSerializer(), new ByteArraySerializer());
		try {
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
			template.send(topic, payloads.get(0)).join(); // connection and metadata, not
															// measured
			Random random = new Random(7);
			long start = System.nanoTime();
			List<CompletableFuture<?>> sent = new ArrayList<>(records);
			for (int i = 0; i < records; i++) {
				sent.add(template.send(topic, payloads.get(random.nextInt(payloads.size()))));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Result(records / seconds, records * (double) payloads.get(0).length / seconds / 1024 / 1024);
		}
		finally {
			factory.destroy();
		}
	}

	private static double transactionalProducer(String bootstrap, String topic, List<byte[]> payloads, int records,
			String transactionalId) {
		Map<String, Object> properties = producerSettings(bootstrap, 65536, 10);
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(properties,
				new StringSerializer(), new ByteArraySerializer());
		factory.setTransactionIdPrefix(transactionalId + "-");
		try {
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
			template.executeInTransaction((operations) -> operations.send(topic, payloads.get(0)));
			Random random = new Random(7);
			long start = System.nanoTime();
			for (int done = 0; done < records; done += 100) {
				int count = Math.min(100, records - done);
				template.executeInTransaction((operations) -> {
					for (int i = 0; i < count; i++) {
						operations.send(topic, payloads.get(random.nextInt(payloads.size())));
					}
					return null;
				});
			}
			return records / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			factory.destroy();
		}
	}

	// A Spring Kafka batch listener container reading the topic from the beginning:
	// records
	// per second from the first record received to the last.
	private static double springConsumer(String bootstrap, String topic, int records, String group)
			throws InterruptedException {
		Map<String, Object> properties = new HashMap<>();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(properties,
				new StringDeserializer(), new ByteArrayDeserializer());
		ContainerProperties container = new ContainerProperties(topic);
		container.setGroupId(group);
		AtomicLong received = new AtomicLong();
		AtomicLong first = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		long expected = records + 1; // the warm-up record too
		container.setMessageListener((BatchMessageListener<String, byte[]>) (batch) -> {
			first.compareAndSet(0, System.nanoTime());
			if (received.addAndGet(batch.size()) >= expected) {
				done.countDown();
			}
		});
		KafkaMessageListenerContainer<String, byte[]> listener = new KafkaMessageListenerContainer<>(factory,
				container);
		listener.start();
		try {
			if (!done.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Consumed " + received.get() + " of " + expected);
			}
			return received.get() / ((System.nanoTime() - first.get()) / 1e9);
		}
		finally {
			listener.stop();
		}
	}

	// The record's timestamp (set by the producer) to the listener, on one clock: this
	// JVM's.
	private static long[] endToEndLatency(String bootstrap, String topic, int records, byte[] payload)
			throws InterruptedException {
		Map<String, Object> consumer = new HashMap<>();
		consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumer,
				new StringDeserializer(), new ByteArrayDeserializer());
		ContainerProperties container = new ContainerProperties(topic);
		container.setGroupId(topic);
		long[] latencies = new long[records];
		AtomicLong received = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		container.setMessageListener((MessageListener<String, byte[]>) (ConsumerRecord<String, byte[]> record) -> {
			int index = (int) received.getAndIncrement();
			if (index < records) {
				latencies[index] = System.currentTimeMillis() - record.timestamp();
			}
			if (index + 1 == records) {
				done.countDown();
			}
		});
		KafkaMessageListenerContainer<String, byte[]> listener = new KafkaMessageListenerContainer<>(consumers,
				container);
		listener.start();
		// Measured from the moment the group has assigned the partitions, not from its
		// join.
		ContainerTestUtils.waitForAssignment(listener, 6);
		DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
				producerSettings(bootstrap, 65536, 10), new StringSerializer(), new ByteArraySerializer());
		try {
			KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
			long start = System.nanoTime();
			for (int i = 0; i < records; i++) {
				// 1000 records per second: latency at a load the broker keeps up with,
				// not
				// the queueing of a flood.
				long due = start + i * 1_000_000L;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait); // not a spin: two cores serve client and
													// broker
				}
				template.send(topic, "key-" + (i % 100), payload);
			}
			if (!done.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Received " + received.get() + " of " + records);
			}
		}
		finally {
			listener.stop();
			producers.destroy();
		}
		Arrays.sort(latencies);
		return new long[] { latencies[records / 2], latencies[(int) Math.min(records - 1, records * 0.99)],
				latencies[records - 1] };
	}

	private static Result producerPerformance(String bootstrap, String topic, int records, Path payloadFile,
			int recordSize, int batchSize, int linger) throws IOException, InterruptedException {
		List<String> output = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
				Integer.toString(records), "--payload-file", payloadFile.toString(), "--throughput", "-1",
				"--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
				"compression.type=lz4", "batch.size=" + batchSize, "linger.ms=" + linger);
		// The last summary line is the whole run's.
		for (int i = output.size() - 1; i >= 0; i--) {
			Matcher matcher = PRODUCER_RESULT.matcher(output.get(i));
			if (matcher.find() && Integer.parseInt(matcher.group(1)) == records) {
				// Its MB/sec counts the payloads it sent; all are recordSize bytes here.
				double perSecond = Double.parseDouble(matcher.group(2));
				return new Result(perSecond, perSecond * recordSize / 1024 / 1024);
			}
		}
		throw new IllegalStateException("No summary from ProducerPerformance: " + output);
	}

	// ConsumerPerformance prints a CSV header and one line; fetch.nMsg.sec excludes the
	// time
	// spent joining the group, as the Spring figure does.
	private static double consumerPerformance(String bootstrap, String topic, int records, String group)
			throws IOException, InterruptedException {
		List<String> output = tool("org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap,
				"--topic", topic, "--messages", Integer.toString(records), "--group", group, "--timeout", "60000");
		List<String> header = null;
		for (String line : output) {
			if (line.contains("fetch.nMsg.sec")) {
				header = Arrays.stream(line.split(",")).map(String::strip).toList();
			}
			else if (header != null && line.split(",").length == header.size()) {
				return Double.parseDouble(line.split(",")[header.indexOf("fetch.nMsg.sec")].strip());
			}
		}
		throw new IllegalStateException("No summary from ConsumerPerformance: " + output);
	}

	// The perf tools run in a JVM of their own, as they do from kafka's bin/ scripts.
	private static List<String> tool(String mainClass, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		finally {
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		return lines;
	}

	private static List<byte[]> payloads(int recordSize) {
		Random random = new Random(42);
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			byte[] payload = new byte[recordSize];
			for (int j = 0; j < recordSize; j++) {
				payload[j] = (byte) ('A' + random.nextInt(26));
			}
			payloads.add(payload);
		}
		return payloads;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private static String megabytes(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String ratio(double ours, double theirs) {
		return String.format(Locale.ROOT, "%.2f", ours / theirs);
	}

	private record Result(double recordsPerSecond, double megabytesPerSecond) {

	}

}
