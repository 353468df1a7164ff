package dev.backendbyexample.testsupport.demo;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module's transcript has the same shape: numbered steps, exchanges, why, tables.
 */
class NarratorTests {

	@Test
	void numbersStepsAndPrintsTheHeadersThatMatter() {
		Narrator narrator = Narrator.recording();
		HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of("3"), "Server", List.of("x")),
				(name, value) -> true);
		narrator.title("Rate limiting")
			.step("Send a burst")
			.exchange(new DemoResponse("GET", "/api/hello", 429, headers, ""), "Retry-After", "RateLimit")
			.why("the bucket is empty")
			.step("Wait");
		assertThat(narrator.transcript().lines()).containsExactly("", "== Rate limiting ==", "", "1. Send a burst",
				"   GET /api/hello -> 429 Too Many Requests  Retry-After: 3", "   why: the bucket is empty", "",
				"2. Wait");
	}

	@Test
	void alignsTableColumns() {
		Narrator narrator = Narrator.recording();
		narrator.table(List.of("algorithm", "admitted"),
				List.of(List.of("fixed window", "20"), List.of("sliding", "10")));
		assertThat(narrator.transcript().lines()).containsExactly("", "   algorithm    | admitted",
				"   -----------------------", "   fixed window | 20", "   sliding      | 10");
	}

}
