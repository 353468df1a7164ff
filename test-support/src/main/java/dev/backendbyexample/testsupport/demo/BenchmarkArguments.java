package dev.backendbyexample.testsupport.demo;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The one way every benchmark takes arguments: {@code --name=value}, each name known in
 * advance with its default, e.g. {@code ./bbe bench rate-limiting --duration=3s
 * --threads=1,16}. A name the benchmark does not know, a missing {@code --} or {@code =},
 * or a value of the wrong kind is refused with a message that lists the known names, so a
 * typo never silently runs the defaults.
 */
public final class BenchmarkArguments {

	private static final Pattern ARGUMENT = Pattern.compile("--([a-z][a-z0-9-]*)=(.*)");

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

	private final Map<String, String> defaults;

	private final Map<String, String> values;

	private BenchmarkArguments(Map<String, String> defaults, Map<String, String> values) {
		this.defaults = defaults;
		this.values = values;
	}

	/**
	 * Parses the command line against the defaults, which are written the way they are
	 * given: {@code parse(args, "--duration=3s", "--threads=1,16,64")}.
	 * @throws Invalid when an argument is not {@code --name=value} with a known name
	 */
	public static BenchmarkArguments parse(String[] args, String... defaults) {
		Map<String, String> known = new LinkedHashMap<>();
		for (String given : defaults) {
			Matcher pair = pair(given);
			if (pair == null) {
				throw new IllegalArgumentException("A default must read --name=value, but was '" + given + "'");
			}
			known.put(pair.group(1), pair.group(2));
		}
		Map<String, String> values = new LinkedHashMap<>(known);
		Map<String, String> seen = new LinkedHashMap<>();
		for (String given : args) {
			Matcher pair = pair(given);
			if (pair == null) {
				throw new Invalid("Benchmark arguments read --name=value, but one was '" + given + "'", known);
			}
			String name = pair.group(1);
			if (!known.containsKey(name)) {
				throw new Invalid("Unknown benchmark argument --" + name, known);
			}
			if (seen.put(name, given) != null) {
				throw new Invalid("--" + name + " was given twice", known);
			}
			values.put(name, pair.group(2));
		}
		return new BenchmarkArguments(known, values);
	}

	private static @Nullable Matcher pair(String argument) {
		Matcher matcher = ARGUMENT.matcher(argument);
		return matcher.matches() ? matcher : null;
	}

	public String text(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No argument --" + name + " was declared");
		}
		return value;
	}

	/** A duration such as {@code 500ms}, {@code 3s} or {@code 2m}. */
	public Duration duration(String name) {
		Matcher matcher = DURATION.matcher(text(name));
		if (!matcher.matches()) {
			throw invalid(name, "a duration such as 500ms, 3s or 2m");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			default -> Duration.ofMinutes(amount);
		};
	}

	/** A whole number, at least 1. */
	public int positive(String name) {
		return positive(name, text(name));
	}

	/**
	 * A comma-separated list of whole numbers, each at least 1, such as {@code 1,16,64}.
	 */
	public List<Integer> positives(String name) {
		return list(name).stream().map((item) -> positive(name, item)).toList();
	}

	/** A comma-separated list, such as {@code uniform,hot-pair}. */
	public List<String> list(String name) {
		List<String> items = Arrays.stream(text(name).split(",", -1)).map(String::strip).toList();
		if (items.stream().anyMatch(String::isEmpty)) {
			throw invalid(name, "a comma-separated list without empty items");
		}
		return items;
	}

	/** {@code true} or {@code false}. */
	public boolean flag(String name) {
		return switch (text(name)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw invalid(name, "true or false");
		};
	}

	/** The arguments in effect, defaults included, as they would be typed. */
	@Override
	public String toString() {
		return this.values.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
	}

	private int positive(String name, String text) {
		try {
			int value = Integer.parseInt(text);
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// refused below, with the argument's name
		}
		throw invalid(name, "a whole number of at least 1");
	}

	/**
	 * A refusal of the value given for {@code name}, for checks the benchmark makes
	 * itself.
	 */
	public Invalid invalid(String name, String expected) {
		return new Invalid("--" + name + "=" + text(name) + " is not " + expected, this.defaults);
	}

	/** A command line the benchmark refuses; the message lists the known arguments. */
	public static final class Invalid extends IllegalArgumentException {

		Invalid(String problem, Map<String, String> known) {
			super(problem + ". Known arguments, with their defaults: "
					+ known.entrySet()
						.stream()
						.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
						.collect(Collectors.joining(" ")));
		}

	}

}
