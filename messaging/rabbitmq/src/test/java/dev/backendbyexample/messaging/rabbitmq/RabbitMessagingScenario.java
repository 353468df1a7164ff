package dev.backendbyexample.messaging.rabbitmq;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.backendbyexample.testsupport.demo.Demo;
import dev.backendbyexample.testsupport.demo.DemoHttp;
import dev.backendbyexample.testsupport.demo.DemoResponse;
import dev.backendbyexample.testsupport.demo.DemoScenario;
import dev.backendbyexample.testsupport.demo.Narrator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * The demo: orders routed by topic and fanned out, an unroutable one returned, a poison
 * message and an out-of-stock job dead-lettered and replayed, then a consumer process
 * killed with SIGKILL mid-batch, and nothing lost or applied twice.
 */
class RabbitMessagingScenario implements DemoScenario {

	static final int CRASH_ORDERS = 200;

	static final int CRASH_AFTER = 50;

	static final String CRASH_SKU = "CRATE";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Override
	public void play(Demo demo) throws Exception {
		Narrator narrator = demo.narrator();
		DemoHttp http = demo.http();
		narrator.title("Messaging with RabbitMQ: orders routed, retried, dead-lettered, never lost");

		narrator.step("Place three orders; each is one publish to the topic exchange 'orders'");
		String eu = place(http, narrator, "eu", "express", "BOOK");
		String us = place(http, narrator, "us", "standard", "BOOK");
		String mars = place(http, narrator, "mars", "standard", "BOOK");
		JsonNode euOrder = until(() -> order(http, eu), (o) -> o.get("appliedBy").size() == 5);
		JsonNode usOrder = until(() -> order(http, us), (o) -> o.get("appliedBy").size() == 3);
		JsonNode marsOrder = until(() -> order(http, mars), (o) -> o.get("publication").asString().equals("RETURNED"));
		narrator.say("order.eu.express   -> " + consumers(euOrder))
			.say("order.us.standard  -> " + consumers(usOrder))
			.say("order.mars.standard -> publication " + marsOrder.get("publication").asString()
					+ " (no queue is bound for mars)");
		narrator.why("the work queue and the fanout are bound for the served regions, region.eu for order.eu.*, "
				+ "express for order.*.express; mandatory makes the broker return what no queue takes");

		narrator.step("A poison message on the work queue: not JSON");
		String poisonId = UUID.randomUUID().toString();
		Messages.toQueue(demo.bean(ConfirmingPublisher.class), Topology.FULFILMENT,
				Messages.json("{\"orderId\": oops", poisonId));
		JsonNode poison = until(() -> deadLetter(http, (l) -> poisonId.equals(text(l, "messageId"))), (l) -> l != null);
		narrator.say("dead letter #" + poison.get("id") + " from " + text(poison, "queue") + " after "
				+ poison.get("attempts") + " attempt: " + text(poison, "reason"));
		narrator.why("no retry can fix it: straight to the dead-letter exchange, the reason in a header, never a loop");

		MessagingProperties properties = demo.bean(MessagingProperties.class);
		List<String> delays = new ArrayList<>();
		for (int retry = 1; retry <= properties.retryLevels(); retry++) {
			delays.add(seconds(properties.retryDelay(retry)));
		}
		narrator.step("An order for a lamp: out of stock, retried " + String.join(", ", delays)
				+ " later, then dead-lettered");
		// None in stock on a fresh start; set again for a test context other tests
		// restock in.
		demo.bean(Warehouse.class).restock("LAMP", 0);
		DemoResponse lamp = http.post("/api/orders", orderJson("eu", "standard", "LAMP"));
		narrator.exchange(lamp);
		String lampId = json.readTree(lamp.body()).get("id").asString();
		JsonNode lampLetter = until(() -> deadLetter(http, (l) -> text(l, "body").contains(lampId)), (l) -> l != null,
				Duration.ofSeconds(40));
		Duration waited = Duration.between(OffsetDateTime.parse(json.readTree(lamp.body()).get("placedAt").asString()),
				OffsetDateTime.parse(text(lampLetter, "deadLetteredAt")));
		narrator.say("dead letter #" + lampLetter.get("id") + ": " + text(lampLetter, "reason"))
			.say("attempts " + lampLetter.get("attempts") + ", dead-lettered " + seconds(waited) + " after the order ("
					+ String.join(" + ", delays) + " in the delay queues)");
		narrator.why("each retry waits in a delay queue whose TTL dead-letters it back to the work queue");

		narrator.step("Restock the lamps and replay the dead letter");
		narrator.exchange(http.send("PUT", "/api/stock/LAMP", "{\"available\":5}"));
		DemoResponse replay = http.post("/api/dead-letters/" + lampLetter.get("id") + "/replay", "");
		narrator.exchange(replay);
		JsonNode fulfilled = until(() -> order(http, lampId), (o) -> o.get("status").asString().equals("FULFILLED"));
		narrator.say("order " + shortId(lampId) + " is " + fulfilled.get("status").asString() + "; replaying again: "
				+ http.post("/api/dead-letters/" + lampLetter.get("id") + "/replay", "").status());
		narrator.why("the replay goes back to the queue it came from, with its message id: "
				+ "a consumer that had applied it would skip it");

		crash(demo, narrator);
	}

	/**
	 * A consumer process killed at the worst moment: after a commit, before its ack.
	 */
	private void crash(Demo demo, Narrator narrator) throws Exception {
		JdbcClient jdbc = demo.bean(JdbcClient.class);
		RabbitListenerEndpointRegistry listeners = demo.bean(RabbitListenerEndpointRegistry.class);
		ConsumerCounters counters = demo.bean(ConsumerCounters.class);
		OrderService orders = demo.bean(OrderService.class);
		narrator.step("Kill a consumer process with SIGKILL in the middle of " + CRASH_ORDERS + " jobs");
		listeners.getListenerContainer(Topology.FULFILMENT).stop();
		demo.bean(Warehouse.class).restock(CRASH_SKU, 1000);
		int stockBefore = stock(jdbc);
		long duplicatesBefore = counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE);
		for (int i = 0; i < CRASH_ORDERS; i++) {
			orders.place(new PlaceOrder("crash-demo", CRASH_SKU, 1, "us", Priority.standard));
		}
		long confirmed = until(
				() -> count(jdbc,
						"select count(*) from outbox x join orders o on o.id = x.order_id "
								+ "where o.customer = 'crash-demo' and x.status = 'CONFIRMED'"),
				(n) -> n == CRASH_ORDERS);
		Process consumer = ConsumerProcess.start(demo.context().getEnvironment().getProperty("bbe.namespace"),
				CRASH_AFTER);
		long beforeKill;
		try {
			beforeKill = until(() -> applied(jdbc), (n) -> n == CRASH_AFTER, Duration.ofSeconds(90));
		}
		finally {
			consumer.destroyForcibly();
		}
		consumer.waitFor(30, TimeUnit.SECONDS);
		narrator.say("consumer process " + consumer.pid() + " applied " + beforeKill + " jobs, committed the "
				+ CRASH_AFTER + "th, and was killed before acking it: exit code " + consumer.exitValue());
		listeners.getListenerContainer(Topology.FULFILMENT).start();
		long applied = until(() -> applied(jdbc), (n) -> n == CRASH_ORDERS);
		long duplicates = counters.get(Topology.FULFILMENT, ConsumerCounters.DUPLICATE) - duplicatesBefore;
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of(String.valueOf(CRASH_ORDERS), String.valueOf(confirmed), String.valueOf(applied),
				String.valueOf(duplicates), String.valueOf(stockBefore - stock(jdbc))));
		narrator.table(
				List.of("published", "confirmed", "applied once", "redelivered duplicates skipped", "stock taken"),
				rows);
		narrator.why("unacked messages go back to the queue when the connection dies; the job committed before the "
				+ "kill comes back too, and its id in processed_messages makes the second delivery a no-op");
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 100) / 10.0 + " s";
	}

	private static long applied(JdbcClient jdbc) {
		return count(jdbc, "select count(*) from processed_messages p join orders o on o.id = p.order_id "
				+ "where o.customer = 'crash-demo' and p.consumer = 'fulfilment'");
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private static int stock(JdbcClient jdbc) {
		return jdbc.sql("select available from stock where sku = ?").param(CRASH_SKU).query(Integer.class).single();
	}

	private static String place(DemoHttp http, Narrator narrator, String region, String priority, String sku) {
		DemoResponse response = http.post("/api/orders", orderJson(region, priority, sku));
		narrator.exchange(response, "Location");
		return json.readTree(response.body()).get("id").asString();
	}

	private static String orderJson(String region, String priority, String sku) {
		return "{\"customer\":\"ada\",\"sku\":\"" + sku + "\",\"quantity\":1,\"region\":\"" + region
				+ "\",\"priority\":\"" + priority + "\"}";
	}

	private static JsonNode order(DemoHttp http, String id) {
		return json.readTree(http.get("/api/orders/" + id).body());
	}

	private static JsonNode deadLetter(DemoHttp http, Predicate<JsonNode> which) {
		for (JsonNode letter : json.readTree(http.get("/api/dead-letters").body())) {
			if (which.test(letter)) {
				return letter;
			}
		}
		return null;
	}

	private static String consumers(JsonNode order) {
		List<String> names = new ArrayList<>();
		order.get("appliedBy").forEach((name) -> names.add(name.asString()));
		return String.join(", ", names);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null) ? value.asString() : "";
	}

	private static String shortId(String id) {
		return id.substring(0, 8);
	}

	private static <T> T until(Callable<T> read, Predicate<T> done) {
		return until(read, done, Duration.ofSeconds(30));
	}

	private static <T> T until(Callable<T> read, Predicate<T> done, Duration atMost) {
		return await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(read, done::test);
	}

}
