package dev.backendbyexample.restvsgraphql;

import java.util.List;

import dev.backendbyexample.testsupport.demo.Demos;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the demo and checks its transcript, so the demo cannot rot.
 */
@RestVsGraphqlIntegrationTest
class RestVsGraphqlDemoIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void demoShowsTheTableTheNPlusOneTheRefusedQueryA304AndA412() throws Exception {
		String transcript = Demos.record(this.context, new RestVsGraphqlScenario());
		List<String> lines = transcript.lines().map(String::strip).toList();

		assertThat(transcript).contains("GET /users/1 -> 200 OK  ETag: \"")
			.contains("POST /graphql -> 200 OK")
			.contains(
					"{ user(id: 1) { name postCount } } -> {\"data\":{\"user\":{\"name\":\"User 1\",\"postCount\":20}}}")
			.contains("GET /users/1 -> 304 Not Modified")
			.contains("GET /graphql/persisted/profile-card?variables=%7B%22id%22%3A1%7D -> 304 Not Modified")
			.contains("ExecutionAborted: maximum query depth exceeded")
			.contains("ExecutionAborted: maximum query complexity exceeded")
			.contains("PATCH /users/1 -> 200 OK")
			.contains("PATCH /users/1 -> 412 Precondition Failed")
			.contains("PATCH /users/1 -> 428 Precondition Required");
		// The measured table: one row per use case and way, with the structure the
		// comparison tests assert.
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).matches("b\\) feed +\\| GraphQL +\\| 1 +\\| \\d+ +\\| 3"));
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).matches("b\\) feed +\\| REST /feed +\\| 1 +\\| \\d+ +\\| 3"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("b\\) feed +\\| REST +\\| (\\d+) +\\| .*"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("a\\) profile card +\\| REST +\\| 1 +\\| .*"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("c\\) titles +\\| GraphQL +\\| 1 +\\| .*"));
		// The N+1 table: batched constant, one parent at a time 1 + 2N.
		assertThat(lines).contains("10    | 3                    | 21", "50    | 3                    | 101",
				"100   | 3                    | 201");
	}

}
