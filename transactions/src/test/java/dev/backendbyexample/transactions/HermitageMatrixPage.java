package dev.backendbyexample.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.Hermitage.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live page's anomaly matrix ({@code static/hermitage.json}) next to the one
 * {@link IsolationAnomaliesIntegrationTests} asserts, both as
 * {@code test method -> anomaly -> level -> outcome}, by enum names.
 * <p>
 * The tests stay the one source of truth: the page's file only copies them, and
 * {@code HermitageMatrixPageTests} fails as soon as the copy is stale.
 */
final class HermitageMatrixPage {

	static final String RESOURCE = "/static/hermitage.json";

	private HermitageMatrixPage() {
	}

	/** The page's file, parsed. */
	static JsonNode json() {
		try (InputStream in = HermitageMatrixPage.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the classpath");
			}
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The matrix the page shows, per test method named in its file. */
	static Map<String, Map<String, Map<String, String>>> shown() {
		Map<String, Map<String, Map<String, String>>> shown = new LinkedHashMap<>();
		for (JsonNode database : json().get("databases").values()) {
			List<String> levels = database.get("levels").values().stream().map(JsonNode::asString).toList();
			Map<String, Map<String, String>> rows = new LinkedHashMap<>();
			for (JsonNode row : database.get("rows").values()) {
				List<String> outcomes = row.get("outcomes").values().stream().map(JsonNode::asString).toList();
				Map<String, String> cells = new LinkedHashMap<>();
				for (int i = 0; i < outcomes.size(); i++) {
					cells.put((i < levels.size()) ? levels.get(i) : "level #" + (i + 1), outcomes.get(i));
				}
				rows.put(row.get("anomaly").asString(), cells);
			}
			shown.put(database.get("method").asString(), rows);
		}
		return shown;
	}

	/**
	 * The matrix the tests assert: for every parameterized test of
	 * {@link IsolationAnomaliesIntegrationTests}, the rows of its {@code @MethodSource}.
	 */
	static Map<String, Map<String, Map<String, String>>> asserted() {
		return Arrays.stream(IsolationAnomaliesIntegrationTests.class.getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(ParameterizedTest.class))
			.sorted((a, b) -> a.getName().compareTo(b.getName()))
			.collect(Collectors.toMap(Method::getName, HermitageMatrixPage::rows, (a, b) -> a, LinkedHashMap::new));
	}

	/** The rows to paste into the page's file for one test method. */
	static String rowsAsJson(Map<String, Map<String, String>> rows) {
		return rows.entrySet()
			.stream()
			.map((row) -> "{ \"anomaly\": \"" + row.getKey() + "\", \"outcomes\": ["
					+ row.getValue().values().stream().map((o) -> "\"" + o + "\"").collect(Collectors.joining(", "))
					+ "] }")
			.collect(Collectors.joining(",\n",
					"\"levels\": " + rows.values()
						.stream()
						.findFirst()
						.map((cells) -> cells.keySet()
							.stream()
							.map((l) -> "\"" + l + "\"")
							.collect(Collectors.joining(", ", "[", "]")))
						.orElse("[]") + ",\n\"rows\": [\n",
					"\n]"));
	}

	private static Map<String, Map<String, String>> rows(Method test) {
		String[] named = test.getAnnotation(MethodSource.class).value();
		// No name: JUnit's convention, a source method named like the test.
		String source = (named.length > 0) ? named[0] : test.getName();
		Map<String, Map<String, String>> rows = new LinkedHashMap<>();
		arguments(source).forEach((arguments) -> {
			Object[] values = arguments.get();
			Anomaly anomaly = (Anomaly) values[0];
			Isolation level = (Isolation) values[1];
			Outcome outcome = (Outcome) values[2];
			rows.computeIfAbsent(anomaly.name(), (key) -> new LinkedHashMap<>()).put(level.name(), outcome.name());
		});
		return rows;
	}

	@SuppressWarnings("unchecked")
	private static Stream<Arguments> arguments(String source) {
		try {
			Method method = IsolationAnomaliesIntegrationTests.class.getDeclaredMethod(source);
			method.setAccessible(true);
			return (Stream<Arguments>) method.invoke(null);
		}
		catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read the matrix from " + source + "()", ex);
		}
	}

}
