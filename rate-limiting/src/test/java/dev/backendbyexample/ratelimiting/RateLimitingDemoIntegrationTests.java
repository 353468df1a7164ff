package dev.backendbyexample.ratelimiting;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo a learner runs and checks the transcript says what the README promises.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RateLimitingServices.class)
class RateLimitingDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void burstOf15Gets10OksAnd5TooManyRequestsThenTheBoundaryBurstTable() throws Exception {
		String transcript = Demos.record(this.context, new RateLimitingScenario());

		assertThat(transcript).contains("RateLimit: \"sliding-window-log\";r=9;t=5")
			.contains("RateLimit: \"sliding-window-log\";r=0;t=5")
			.contains("admitted 10, rejected 5")
			.contains("RateLimit-Policy: \"sliding-window-log\";q=10;w=5")
			.containsPattern("GET /api/sliding-window-log -> 429 Too Many Requests .*Retry-After: [1-5]");
		assertThat(transcript.lines().filter((line) -> line.contains("-> 429")).count()).isEqualTo(5);
		String afterWaiting = transcript.substring(transcript.indexOf("2. Wait as told"));
		assertThat(afterWaiting.lines().skip(1).findFirst())
			.hasValueSatisfying((line) -> assertThat(line).contains("GET /api/sliding-window-log -> 200 OK"));
		// 20 requests within a second across the edge: the fixed window lets all through
		assertThat(transcript).containsPattern("fixed window +\\| 10 x 200 +\\| 10 x 200 +\\| 20")
			.containsPattern("sliding window counter +\\| 10 x 200 +\\| [01] x 200 +\\| 1[01]");
	}

}
