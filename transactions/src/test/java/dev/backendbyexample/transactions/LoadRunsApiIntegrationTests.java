package dev.backendbyexample.transactions;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /load-runs}, the live page's bounded load: validated, one at a time, ended by
 * itself, and its samples true to the database. Over real HTTP, every response checked
 * against the application's own OpenAPI document ({@link OpenApiValidation}).
 */
@TransactionsIntegrationTest
class LoadRunsApiIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"strategy\":\"bogus\"}", "{\"strategy\":\"naive\",\"concurrency\":0}",
			"{\"strategy\":\"naive\",\"concurrency\":17}", "{\"strategy\":\"naive\",\"transfers\":10001}",
			"{\"strategy\":\"naive\",\"accounts\":1}", "{\"strategy\":\"naive\",\"accounts\":11}",
			"{\"strategy\":\"naive\",\"seconds\":31}" })
	void startWhenOutOfBoundsThen400ProblemDetail(String body) {
		ResponseEntity<String> result = start(body);

		assertProblem(result, HttpStatus.BAD_REQUEST);
		assertThat(result.getBody()).doesNotContain("Exception");
	}

	@Test
	void unknownRunThen404ProblemDetail() {
		ResponseEntity<String> run = get("/load-runs/{id}", 987654321);
		assertProblem(run, HttpStatus.NOT_FOUND);
		assertThat((String) JsonPath.read(run.getBody(), "$.title")).isEqualTo("Load run not found");
		assertThat(get("/load-runs/{id}/events", 987654321).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void startWhileAnotherRunsThen409AndTheFirstEndsWithItsTotalIntact() {
		// One thread, 300 transfers: still running when the second request arrives. The
		// strategy is one no exercise cuts out, so the starter's run lasts as long.
		ResponseEntity<String> first = start("{\"strategy\":\"atomic-update\",\"concurrency\":1,\"transfers\":300}");
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getHeaders().getLocation()).hasToString("/load-runs/" + id(first));

		ResponseEntity<String> second = start("{\"strategy\":\"naive\"}");

		assertProblem(second, HttpStatus.CONFLICT);
		assertThat((String) JsonPath.read(second.getBody(), "$.type"))
			.isEqualTo("https://backendbyexample.dev/problems/load-run-in-progress");
		String finished = awaitFinished(id(first));
		long startTotal = number(finished, "$.startTotal");
		assertThat(startTotal).isEqualTo(4 * LoadRuns.OPENING_BALANCE);
		List<Number> totals = JsonPath.read(finished, "$.samples[*].total");
		assertThat(totals).isNotEmpty().allSatisfy((total) -> assertThat(total.longValue()).isEqualTo(startTotal));
		assertThat(number(finished, "$.last.completed")).isEqualTo(300);
		List<Number> accounts = JsonPath.read(finished, "$.accountIds");
		long sumThroughTheApi = accounts.stream().mapToLong((account) -> balance(account.longValue())).sum();
		assertThat(sumThroughTheApi).isEqualTo(startTotal);
	}

	@Test
	void eventsOfAFinishedRunReplayEverySampleThenDone() {
		long id = id(start("{\"strategy\":\"atomic-update\",\"concurrency\":4,\"transfers\":100,\"accounts\":2}"));
		String finished = awaitFinished(id);

		ResponseEntity<String> events = this.api.get()
			.uri("/load-runs/{id}/events", id)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.toEntity(String.class);

		assertThat(events.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(events.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
		String stream = events.getBody();
		int samples = ((List<?>) JsonPath.read(finished, "$.samples")).size();
		assertThat(stream.split("event:sample", -1)).hasSize(samples + 1);
		assertThat(stream).containsOnlyOnce("event:done").endsWith("\n\n");
		assertThat(stream.substring(stream.indexOf("event:done"))).contains("\"status\":\"finished\"");
	}

	private ResponseEntity<String> start(String body) {
		return this.api.post()
			.uri("/load-runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(String.class);
	}

	private ResponseEntity<String> get(String path, Object... variables) {
		return this.api.get().uri(path, variables).retrieve().toEntity(String.class);
	}

	/**
	 * A run ends within its 30 s bound; waits for that, then returns it with its samples.
	 */
	private String awaitFinished(long id) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/load-runs/{id}", id).getBody(),
					(run) -> "finished".equals(JsonPath.read(run, "$.status")));
	}

	private long balance(long account) {
		return number(get("/accounts/{id}", account).getBody(), "$.balance");
	}

	private static void assertProblem(ResponseEntity<String> result, HttpStatus status) {
		assertThat(result.getStatusCode()).isEqualTo(status);
		assertThat(result.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	private static long id(ResponseEntity<String> result) {
		return number(result.getBody(), "$.id");
	}

	private static long number(String json, String path) {
		return ((Number) JsonPath.read(json, path)).longValue();
	}

}
