package dev.backendbyexample.transactions;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.Hermitage.Outcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page's anomaly matrix says exactly what
 * {@link IsolationAnomaliesIntegrationTests} asserts, and every name it shows or links to
 * exists: a cell cannot claim what no test checks.
 */
class HermitageMatrixPageTests {

	@Test
	void pageShowsEveryCellTheTestsAssertAndNoOther() {
		Map<String, Map<String, Map<String, String>>> asserted = HermitageMatrixPage.asserted();
		Map<String, Map<String, Map<String, String>>> shown = HermitageMatrixPage.shown();

		assertThat(shown.keySet()).as("test methods named in %s", HermitageMatrixPage.RESOURCE)
			.containsExactlyInAnyOrderElementsOf(asserted.keySet());
		asserted.forEach(
				(test, rows) -> assertThat(shown.get(test))
					.withFailMessage("%s is stale for %s; the tests assert these rows, paste them there:%n%s",
							HermitageMatrixPage.RESOURCE, test, HermitageMatrixPage.rowsAsJson(rows))
					.isEqualTo(rows));
	}

	@Test
	void pageLabelsAreTheTestsOwn() {
		JsonNode json = HermitageMatrixPage.json();

		for (Outcome outcome : Outcome.values()) {
			assertThat(json.get("outcomes").path(outcome.name()).asString()).as("label of %s", outcome)
				.isEqualTo(outcome.label());
		}
		for (Isolation level : Isolation.values()) {
			assertThat(json.get("levels").path(level.name()).asString()).as("label of %s", level)
				.isEqualTo(level.label());
		}
		for (Anomaly anomaly : Anomaly.values()) {
			JsonNode shown = json.get("anomalies").path(anomaly.name());
			assertThat(shown.path("code").asString()).as("code of %s", anomaly).isEqualTo(anomaly.code());
			assertThat(shown.path("description").asString()).as("description of %s", anomaly)
				.isEqualTo(anomaly.description());
		}
	}

	@Test
	void pageNamesInterleavingsAndTestsThatExist() {
		JsonNode json = HermitageMatrixPage.json();

		assertThat(json.get("test").get("class").asString())
			.isEqualTo(IsolationAnomaliesIntegrationTests.class.getSimpleName());
		assertThat(json.get("scenarios").get("class").asString()).isEqualTo(Hermitage.class.getSimpleName());
		assertThat(json.get("test").get("file").asString()).endsWith(path(IsolationAnomaliesIntegrationTests.class));
		assertThat(json.get("scenarios").get("file").asString()).endsWith(path(Hermitage.class));
		for (JsonNode anomaly : json.get("anomalies").values()) {
			assertThat(Arrays.stream(Hermitage.class.getDeclaredMethods()).map(Method::getName))
				.as("Hermitage's interleaving for %s", anomaly.path("code").asString())
				.contains(anomaly.path("scenario").asString());
		}
	}

	private static String path(Class<?> type) {
		return "src/test/java/" + type.getName().replace('.', '/') + ".java";
	}

}
