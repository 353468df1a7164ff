package dev.backendbyexample.messaging.kafka;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot.
 */
@KafkaIntegrationTest
class KafkaMessagingDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsKeyedOrderARebalanceThePoisonRecordExactlyOnceAndAReplay() throws Exception {
		String transcript = Demos.record(this.context, new KafkaScenario());

		assertThat(transcript).containsPattern("demo-A +\\| \\d +\\| 1 2 3 4 ")
			.containsPattern("demo-B +\\| \\d +\\| 1 2 3 4 ")
			.containsPattern("demo-C +\\| \\d +\\| 1 2 3 4 ")
			.contains("a alone:    a has [0, 1, 2, 3, 4, 5]")
			.containsPattern(
					"b joins: +a has \\[\\d, \\d, \\d\\], b has \\[\\d, \\d, \\d\\]; a gave up only \\[\\d, \\d, \\d\\]")
			.contains("a leaves:   b has [0, 1, 2, 3, 4, 5]")
			.containsPattern("60 records, 20 per phase: a processed [1-9]\\d*, b [1-9]\\d*, both 0")
			.contains("demo-poison attempted on: payments -> payments-retry-0 -> payments-retry-1 -> payments-dlt")
			.containsPattern("demo-poison +\\| 3 +\\| ListenerExecutionFailedException \\| GatewayTimeout")
			.containsPattern("demo-garbage +\\| 1 +\\| DeserializationException")
			.containsPattern("committed \\d+, wrote \\d+ more in an open transaction, killed \\(exit 137\\)")
			.containsPattern("read_committed +\\| 200 +\\| each once")
			.containsPattern("read_uncommitted +\\| 2\\d\\d +\\| [1-9]\\d* aborted duplicates")
			.contains("first run: processed 40")
			.contains("second run: processed 20 again");
	}

}
