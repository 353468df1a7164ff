package dev.backendbyexample.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.backendbyexample.messaging.kafka.DeadLetters.DeadLetter;
import dev.backendbyexample.messaging.kafka.OrderHistory.Received;
import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The demo: per-key order across partitions, a cooperative rebalance, a poison record
 * walking to the dead-letter topic, the exactly-once pipeline surviving SIGKILL, and a
 * replay.
 */
class KafkaScenario implements DemoScenario {

	static final Duration WAIT = Duration.ofSeconds(60);

	@Override
	@SuppressWarnings("unchecked")
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		OrderTopics topics = demo.bean(OrderTopics.class);
		String bootstrap = String.join(",", demo.bean(KafkaConnectionDetails.class).getBootstrapServers());
		KafkaTemplate<String, Object> template = demo.bean(KafkaTemplate.class);
		narrator.title("Kafka: a partitioned, replayable log (topics under " + topics.topicPrefix() + ")");

		keyedOrder(demo, narrator);
		rebalance(demo, narrator, topics, bootstrap, template);
		poisonRecord(demo, narrator, topics, bootstrap);
		exactlyOnce(narrator, topics, bootstrap, template);
		replay(demo, narrator, topics, bootstrap, template);
	}

	private void keyedOrder(Demo demo, Narrator narrator) {
		narrator.step("Three orders, four events each, sent interleaved (A1 B1 C1 A2 B2 C2 …), keyed by order id");
		OrderEventPublisher publisher = demo.bean(OrderEventPublisher.class);
		OrderHistory history = demo.bean(OrderHistory.class);
		List<String> orders = List.of("demo-A", "demo-B", "demo-C");
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (int sequence = 1; sequence <= 4; sequence++) {
			for (String order : orders) {
				sent.add(publisher.publish(new OrderEvent(order, sequence, "UPDATED", sequence * 100L)));
			}
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		await().atMost(WAIT).until(() -> orders.stream().allMatch((order) -> history.of(order).size() == 4));
		List<List<String>> rows = new ArrayList<>();
		for (String order : orders) {
			List<Received> events = history.of(order);
			rows.add(List.of(order, Integer.toString(events.get(0).partition()),
					events.stream().map((r) -> Integer.toString(r.event().sequence())).collect(Collectors.joining(" ")),
					events.get(0).consumer().replaceAll(".*-(\\d+)-C-\\d+$", "consumer $1")));
		}
		narrator.table(List.of("order", "partition", "sequences processed", "by"), rows);
		narrator.why("the key's hash picks the partition, a partition is read by one consumer of the group in "
				+ "offset order: per-key order holds, across keys there is none to keep.");
	}

	private void rebalance(Demo demo, Narrator narrator, OrderTopics topics, String bootstrap,
			KafkaTemplate<String, Object> template) throws Exception {
		narrator.step("A consumer group on a six-partition topic: a alone, then b joins, then a leaves");
		String topic = Records.createTopic(bootstrap, topics.group("demo-groups"), 6);
		String group = topics.group("demo-groups");
		ConsumerFactory<?, ?> consumers = demo.bean(ConsumerFactory.class);
		GroupMember a = new GroupMember(consumers, topic, group, "a", CooperativeStickyAssignor.class);
		try {
			await().atMost(WAIT).until(() -> a.assigned().size() == 6);
			narrator.say("a alone:    a has " + partitions(a.assigned()));
			sendTwenty(template, topic, 0);
			try (GroupMember b = new GroupMember(consumers, topic, group, "b", CooperativeStickyAssignor.class)) {
				await().atMost(WAIT).until(() -> a.assigned().size() == 3 && b.assigned().size() == 3);
				narrator.say("b joins:    a has " + partitions(a.assigned()) + ", b has " + partitions(b.assigned())
						+ "; a gave up only " + partitions(a.revocations().get(0)));
				sendTwenty(template, topic, 20);
				await().atMost(WAIT).until(() -> a.processed().size() + b.processed().size() >= 40);
				a.close();
				await().atMost(WAIT).until(() -> b.assigned().size() == 6);
				narrator.say("a leaves:   b has " + partitions(b.assigned()));
				sendTwenty(template, topic, 40);
				await().atMost(WAIT).until(() -> a.processed().size() + b.processed().size() >= 60);
				long both = a.processed().stream().filter(b.processed()::contains).count();
				narrator.say("60 records, 20 per phase: a processed " + a.processed().size() + ", b "
						+ b.processed().size() + ", both " + both);
			}
		}
		finally {
			a.close();
		}
		narrator.why("cooperative rebalancing moves only the partitions that change owner; offsets committed "
				+ "after each record tell the next owner where to start, so no record is processed twice.");
	}

	private void poisonRecord(Demo demo, Narrator narrator, OrderTopics topics, String bootstrap) throws Exception {
		narrator.step("A payment the gateway always times out on, and bytes that are no event");
		OrderEventPublisher publisher = demo.bean(OrderEventPublisher.class);
		PaymentGateway gateway = demo.bean(PaymentGateway.class);
		DeadLetters deadLetters = demo.bean(DeadLetters.class);
		publisher.requestPayment(new OrderEvent("demo-poison", 1, "PAYMENT_REQUESTED", 2_000_000)).get();
		try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
				Map.of("bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
				new org.apache.kafka.common.serialization.ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(topics.payments(), "demo-garbage",
						"{\"orderId\": not json".getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		await().atMost(WAIT)
			.until(() -> deadLetters.all()
				.stream()
				.filter((l) -> l.key() != null)
				.filter((l) -> l.key().startsWith("demo-"))
				.count() == 2);
		narrator.say("demo-poison attempted on: " + gateway.attemptsOf("demo-poison")
			.stream()
			.map((topic) -> topic.substring(topics.topicPrefix().length()))
			.collect(Collectors.joining(" -> ")) + " -> payments-dlt");
		List<List<String>> rows = new ArrayList<>();
		for (DeadLetter letter : deadLetters.all()) {
			if (letter.key() != null && letter.key().startsWith("demo-")) {
				rows.add(List.of(letter.key(), Integer.toString(letter.attempts()), simpleName(letter.exception()),
						simpleName(letter.cause())));
			}
		}
		narrator.table(List.of("dead letter", "attempts", "kafka_exception-fqcn", "kafka_exception-cause-fqcn"), rows);
		narrator.why("retries go through retry topics with growing delays, so the partition behind the poison "
				+ "record keeps moving; three attempts, then the DLT. Unreadable bytes are never retried.");
	}

	private void exactlyOnce(Narrator narrator, OrderTopics topics, String bootstrap,
			KafkaTemplate<String, Object> template) throws Exception {
		narrator.step("Exactly-once read-process-write: 200 order events, the pipeline killed with SIGKILL "
				+ "mid-transaction, then restarted");
		String input = Records.createTopic(bootstrap, topics.group("demo-eos-in"), 3);
		String output = Records.createTopic(bootstrap, topics.group("demo-eos-out"), 3);
		for (int i = 0; i < 200; i++) {
			template.send(input, "eos-" + (i % 20), new OrderEvent("eos-" + (i % 20), i / 20 + 1, "PLACED", i));
		}
		template.flush();
		String group = topics.group("demo-eos");
		String transactionalId = topics.group("demo-eos-ledger-0");
		PipelineCrash.Crash crash = PipelineCrash.killMidTransaction(bootstrap, input, output, group, transactionalId,
				3);
		narrator.say("worker JVM: committed " + crash.committed() + ", wrote " + crash.inFlight()
				+ " more in an open transaction, killed (exit " + crash.exitValue() + ")");
		int processed = PipelineCrash.finish(bootstrap, input, output, group, transactionalId, crash.committed(), 200);
		narrator.say("restarted: aborted the open transaction, processed the remaining " + processed);
		int committed = Records.readAll(bootstrap, output, "read_committed").size();
		int uncommitted = Records.readAll(bootstrap, output, "read_uncommitted").size();
		narrator.table(List.of("reader isolation", "ledger entries", "for 200 inputs"), List
			.of(List.of("read_committed", Integer.toString(committed), (committed == 200) ? "each once" : "WRONG"), List
				.of("read_uncommitted", Integer.toString(uncommitted), (uncommitted - 200) + " aborted duplicates")));
		narrator.why("output and consumer offsets commit in one transaction; the restart, with the same "
				+ "transactional id, fences the dead instance and aborts what it left open.");
	}

	private void replay(Demo demo, Narrator narrator, OrderTopics topics, String bootstrap,
			KafkaTemplate<String, Object> template) throws Exception {
		narrator.step("Replay: a group read 40 records (20 from two hours ago, 20 from one hour ago); "
				+ "reset it to 90 minutes ago");
		String topic = Records.createTopic(bootstrap, topics.group("demo-replay"), 3);
		String group = topics.group("demo-replay");
		Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
		for (int i = 0; i < 40; i++) {
			Instant at = (i < 20) ? twoHoursAgo : twoHoursAgo.plus(1, ChronoUnit.HOURS);
			template.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "replay-" + (i % 5),
					new OrderEvent("replay-" + (i % 5), i, "PLACED", i)));
		}
		template.flush();
		ConsumerFactory<?, ?> consumers = demo.bean(ConsumerFactory.class);
		try (GroupMember first = new GroupMember(consumers, topic, group, "reader", CooperativeStickyAssignor.class)) {
			await().atMost(WAIT).until(() -> first.processed().size() >= 40);
			narrator.say("first run: processed " + first.processed().size());
		}
		Map<TopicPartition, Long> offsets = demo.bean(GroupOffsets.class)
			.resetToTime(group, topic, twoHoursAgo.plus(30, ChronoUnit.MINUTES));
		narrator.say("reset to 90 minutes ago: offsets " + new java.util.TreeMap<>(offsets.entrySet()
			.stream()
			.collect(Collectors.toMap((e) -> e.getKey().partition(), Map.Entry::getValue))));
		try (GroupMember again = new GroupMember(consumers, topic, group, "reader", CooperativeStickyAssignor.class)) {
			await().atMost(WAIT).until(() -> again.processed().size() >= 20);
			narrator.say("second run: processed " + again.processed().size() + " again");
		}
		narrator.why("the log keeps records after they are read; a group's position is just a committed offset, "
				+ "found for a time with ListOffsets and moved with the admin API.");
	}

	private static void sendTwenty(KafkaTemplate<String, Object> template, String topic, int from) {
		for (int i = from; i < from + 20; i++) {
			template.send(topic, "order-" + i, new OrderEvent("order-" + i, 1, "PLACED", i));
		}
		template.flush();
	}

	private static String partitions(java.util.Set<TopicPartition> partitions) {
		return new TreeSet<>(partitions.stream().map(TopicPartition::partition).toList()).toString();
	}

	private static String simpleName(String className) {
		return (className != null) ? className.substring(className.lastIndexOf('.') + 1) : "-";
	}

}
