package dev.backendbyexample.messaging.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.backendbyexample.messaging.kafka.OrderHistory.Received;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The key decides the partition, so one order's events are processed in the order they
 * were sent, while the events of different orders interleave on the same partitions and
 * are processed in parallel by the group's three consumers.
 */
@KafkaIntegrationTest
class KeyedOrderingIntegrationTests {

	static final int PRODUCERS = 4;

	static final int ORDERS_PER_PRODUCER = 5;

	static final int EVENTS_PER_ORDER = 40;

	@Autowired
	OrderEventPublisher publisher;

	@Autowired
	OrderHistory history;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void eachOrdersEventsAreProcessedInSendOrderWhileOrdersInterleaveAcrossPartitions() throws Exception {
		// The group's three consumers join one after the other; until the last has its
		// partitions, the first may own them all. Wait for the rebalance, not for time.
		await().atMost(Duration.ofSeconds(30)).until(this::everyConsumerOfTheGroupOwnsPartitions);
		// Four threads, five orders each; each thread sends its orders' events
		// round-robin
		// (o1 #1, o2 #1, … o5 #1, o1 #2, …), so every partition receives interleaved
		// orders.
		List<String> orders = new ArrayList<>();
		try (ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS)) {
			List<Future<?>> done = new ArrayList<>();
			for (int producer = 0; producer < PRODUCERS; producer++) {
				List<String> own = IntStream.range(0, ORDERS_PER_PRODUCER)
					.mapToObj((order) -> "ordering-" + orders.size() + "-" + order)
					.toList();
				orders.addAll(own);
				done.add(producers.submit(() -> sendRoundRobin(own)));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> orders.stream().mapToInt((order) -> this.history.of(order).size()).sum(),
					(count) -> count == orders.size() * EVENTS_PER_ORDER);

		for (String order : orders) {
			List<Received> events = this.history.of(order);
			assertThat(events).extracting((received) -> received.event().sequence())
				.as("order %s processed in the order its events were sent", order)
				.containsExactlyElementsOf(IntStream.rangeClosed(1, EVENTS_PER_ORDER).boxed().toList());
			assertThat(events).extracting(Received::partition)
				.as("order %s on one partition", order)
				.containsOnly(events.get(0).partition());
		}
		List<Received> ours = this.history.all().stream().filter((r) -> orders.contains(r.event().orderId())).toList();
		Map<Integer, List<String>> ordersByPartition = ours.stream()
			.collect(Collectors.groupingBy(Received::partition,
					Collectors.mapping((r) -> r.event().orderId(), Collectors.toList())));
		assertThat(ordersByPartition).as("the 20 orders spread over several partitions").hasSizeGreaterThan(1);
		assertThat(ordersByPartition.values()).as("a partition where orders interleave: A, B, A")
			.anySatisfy((sequence) -> assertThat(interleaves(sequence)).isTrue());
		Set<String> consumers = ours.stream().map(Received::consumer).collect(Collectors.toSet());
		assertThat(consumers).as("processed by more than one consumer of the group").hasSizeGreaterThan(1);
	}

	private boolean everyConsumerOfTheGroupOwnsPartitions() {
		MessageListenerContainer group = this.listeners.getListenerContainers()
			.stream()
			.filter((container) -> container.getListenerId() != null
					&& container.getListenerId().endsWith("order-history"))
			.findFirst()
			.orElseThrow();
		List<? extends MessageListenerContainer> consumers = ((ConcurrentMessageListenerContainer<?, ?>) group)
			.getContainers();
		return consumers.size() == 3 && consumers.stream()
			.allMatch((consumer) -> consumer.getAssignedPartitions() != null
					&& !consumer.getAssignedPartitions().isEmpty());
	}

	private void sendRoundRobin(List<String> orders) {
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (int sequence = 1; sequence <= EVENTS_PER_ORDER; sequence++) {
			for (String order : orders) {
				sent.add(this.publisher.publish(new OrderEvent(order, sequence, "UPDATED", sequence * 100L)));
			}
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
	}

	// True when some order's events are separated by another order's: A … B … A.
	private static boolean interleaves(List<String> orderIds) {
		for (int i = 0; i + 2 < orderIds.size(); i++) {
			if (!orderIds.get(i).equals(orderIds.get(i + 1))
					&& orderIds.subList(i + 2, orderIds.size()).contains(orderIds.get(i))) {
				return true;
			}
		}
		return false;
	}

}
