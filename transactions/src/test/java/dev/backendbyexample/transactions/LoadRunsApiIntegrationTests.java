package dev.backendbyexample.transactions;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /load-runs}, the live page's bounded load: validated, one at a time, ended by
 * itself, and its samples true to the database.
 */
@TransactionsIntegrationTest
class LoadRunsApiIntegrationTests {

	@Autowired
	MockMvcTester mvc;

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"strategy\":\"bogus\"}", "{\"strategy\":\"naive\",\"concurrency\":0}",
			"{\"strategy\":\"naive\",\"concurrency\":17}", "{\"strategy\":\"naive\",\"transfers\":10001}",
			"{\"strategy\":\"naive\",\"accounts\":1}", "{\"strategy\":\"naive\",\"accounts\":11}",
			"{\"strategy\":\"naive\",\"seconds\":31}" })
	void startWhenOutOfBoundsThen400ProblemDetail(String body) {
		MvcTestResult result = start(body);

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyText().doesNotContain("Exception");
	}

	@Test
	void unknownRunThen404ProblemDetail() {
		assertThat(this.mvc.get().uri("/load-runs/{id}", 987654321)).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Load run not found");
		assertThat(this.mvc.get().uri("/load-runs/{id}/events", 987654321)).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void startWhileAnotherRunsThen409AndTheFirstEndsWithItsTotalIntact() {
		// One thread, 300 transfers: still running when the second request arrives.
		MvcTestResult first = start("{\"strategy\":\"pessimistic\",\"concurrency\":1,\"transfers\":300}");
		assertThat(first).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/load-runs/" + id(first));

		MvcTestResult second = start("{\"strategy\":\"naive\"}");

		assertThat(second).hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(second).bodyJson()
			.extractingPath("$.type")
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
	void eventsOfAFinishedRunReplayEverySampleThenDone() throws Exception {
		long id = id(start("{\"strategy\":\"atomic-update\",\"concurrency\":4,\"transfers\":100,\"accounts\":2}"));
		String finished = awaitFinished(id);

		MvcTestResult events = this.mvc.get()
			.uri("/load-runs/{id}/events", id)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange();

		assertThat(events).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM);
		String stream = events.getResponse().getContentAsString();
		int samples = ((List<?>) JsonPath.read(finished, "$.samples")).size();
		assertThat(stream.split("event:sample", -1)).hasSize(samples + 1);
		assertThat(stream).containsOnlyOnce("event:done").endsWith("\n\n");
		assertThat(stream.substring(stream.indexOf("event:done"))).contains("\"status\":\"finished\"");
	}

	private MvcTestResult start(String body) {
		return this.mvc.post().uri("/load-runs").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	/**
	 * A run ends within its 30 s bound; waits for that, then returns it with its samples.
	 */
	private String awaitFinished(long id) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> body(this.mvc.get().uri("/load-runs/{id}", id).exchange()),
					(run) -> "finished".equals(JsonPath.read(run, "$.status")));
	}

	private long balance(long account) {
		return number(body(this.mvc.get().uri("/accounts/{id}", account).exchange()), "$.balance");
	}

	private static long id(MvcTestResult result) {
		return number(body(result), "$.id");
	}

	private static long number(String json, String path) {
		return ((Number) JsonPath.read(json, path)).longValue();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
