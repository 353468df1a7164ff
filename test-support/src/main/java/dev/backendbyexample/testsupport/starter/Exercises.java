package dev.backendbyexample.testsupport.starter;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A module's {@code exercises.properties}: {@code <id>.title}, {@code .difficulty}
 * (easy|medium|hard), {@code .minutes}, {@code .task} and {@code .tests}, in the order
 * the ids first appear in the file.
 */
public final class Exercises {

	/** The manifest's name in a module's folder. */
	public static final String FILE = "exercises.properties";

	private static final Pattern KEY = Pattern.compile("^([a-z0-9][a-z0-9-]*)\\.(\\w+)\\s*[=:]");

	private static final Set<String> FIELDS = Set.of("title", "difficulty", "minutes", "task", "tests");

	private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");

	private static final Pattern TEST = Pattern.compile("[A-Z][A-Za-z0-9_]*(#[a-z][A-Za-z0-9_]*)?");

	private final Map<String, Exercise> byId;

	private Exercises(Map<String, Exercise> byId) {
		this.byId = byId;
	}

	/** The module's exercises; none if it has no manifest. */
	public static Exercises of(Path module) {
		Path file = module.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return new Exercises(Map.of());
		}
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Exercises parse(String text) {
		Properties properties = new Properties();
		try (Reader reader = new StringReader(text)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String line : text.lines().toList()) {
			Matcher key = KEY.matcher(line);
			if (key.find()) {
				if (!FIELDS.contains(key.group(2))) {
					throw new MarkerException("exercises.properties: unknown key " + key.group(1) + "." + key.group(2)
							+ " (known: " + FIELDS.stream().sorted().collect(Collectors.joining(", ")) + ")");
				}
				if (key.group(2).equals("tests") && line.endsWith("\\")) {
					throw new MarkerException("exercises.properties: keep " + key.group(1)
							+ ".tests on one line (./bbe exercise reads it with sed)");
				}
				ids.add(key.group(1));
			}
		}
		if (ids.size() != properties.stringPropertyNames()
			.stream()
			.map((name) -> name.split("\\.", 2)[0])
			.distinct()
			.count()) {
			throw new MarkerException("exercises.properties: every key must be <id>.<field>, id in a-z, 0-9 and '-'");
		}
		Map<String, Exercise> byId = new LinkedHashMap<>();
		for (String id : ids) {
			byId.put(id, exercise(id, properties));
		}
		return new Exercises(byId);
	}

	private static Exercise exercise(String id, Properties properties) {
		String difficulty = required(id, "difficulty", properties);
		if (!DIFFICULTIES.contains(difficulty)) {
			throw new MarkerException(
					"exercises.properties: " + id + ".difficulty must be easy, medium or hard, not " + difficulty);
		}
		int minutes;
		try {
			minutes = Integer.parseInt(required(id, "minutes", properties));
		}
		catch (NumberFormatException ex) {
			throw new MarkerException("exercises.properties: " + id + ".minutes must be a whole number");
		}
		List<String> tests = new ArrayList<>();
		for (String test : required(id, "tests", properties).split(",")) {
			if (!TEST.matcher(test.strip()).matches()) {
				throw new MarkerException("exercises.properties: " + id + ".tests: '" + test.strip()
						+ "' is not a test class (Class) or method (Class#method)");
			}
			tests.add(test.strip());
		}
		return new Exercise(id, required(id, "title", properties), difficulty, minutes,
				required(id, "task", properties), List.copyOf(tests));
	}

	private static String required(String id, String field, Properties properties) {
		String value = properties.getProperty(id + "." + field, "").strip();
		if (value.isEmpty()) {
			throw new MarkerException("exercises.properties: " + id + "." + field + " is missing");
		}
		return value;
	}

	public List<Exercise> all() {
		return List.copyOf(this.byId.values());
	}

	public Set<String> ids() {
		return this.byId.keySet();
	}

	public boolean isEmpty() {
		return this.byId.isEmpty();
	}

	/**
	 * The exercise with this id.
	 * @throws MarkerException naming the known ids if there is none
	 */
	public Exercise get(String id) {
		Exercise exercise = this.byId.get(id);
		if (exercise == null) {
			throw new MarkerException("No exercise '" + id + "'; this module has: " + String.join(", ", ids()));
		}
		return exercise;
	}

	/** Every test any of them names, each once, in order. */
	public List<String> tests() {
		return this.byId.values().stream().flatMap((exercise) -> exercise.tests().stream()).distinct().toList();
	}

}
