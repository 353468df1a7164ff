package dev.backendbyexample.messaging.rabbitmq;

import java.util.List;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot.
 */
@MessagingIntegrationTest
class RabbitMessagingDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsRoutingDeadLettersReplayAndACrashThatLosesNothing() throws Exception {
		String transcript = Demos.record(this.context, new RabbitMessagingScenario());
		List<String> lines = transcript.lines().map(String::strip).toList();

		assertThat(transcript).contains("order.eu.express   -> analytics, email, express, fulfilment, region.eu")
			.contains("order.us.standard  -> analytics, email, fulfilment")
			.contains("order.mars.standard -> publication RETURNED")
			.contains("from fulfilment after 1 attempt: Unreadable JSON")
			.contains("Retries exhausted after 4 attempts: Out of stock: 1 × LAMP")
			.contains("is FULFILLED; replaying again: 409")
			.contains("and was killed before acking it: exit code 137");
		// published | confirmed | applied once | duplicates skipped | stock taken
		String row = lines.stream()
			.filter((line) -> line.startsWith(RabbitMessagingScenario.CRASH_ORDERS + " "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no crash table row in\n" + transcript));
		List<String> cells = List.of(row.split("\\|")).stream().map(String::strip).toList();
		assertThat(cells.get(0)).isEqualTo(cells.get(1))
			.isEqualTo(cells.get(2))
			.isEqualTo(cells.get(4))
			.isEqualTo("200");
		assertThat(Integer.parseInt(cells.get(3))).isPositive();
	}

}
