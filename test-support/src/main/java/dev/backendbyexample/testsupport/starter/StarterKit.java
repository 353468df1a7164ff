package dev.backendbyexample.testsupport.starter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Writes a live-coding starter: a standalone copy of the repository reduced to one module
 * (root pom with test-support and that module, the Maven wrapper, test-support, the
 * module, {@code bbe}), in which the solutions of the chosen exercises are cut out by
 * {@link ExerciseMarkers}. The copy compiles, and exactly the exercises' tests fail.
 * <p>
 * Run by {@code ./bbe starter <module> [dir] [--exercise <id>]}.
 */
public final class StarterKit {

	/** Copied as they are, beside test-support and the module. */
	private static final List<String> ROOT_FILES = List.of("mvnw", "mvnw.cmd", ".mvn", "bbe", ".editorconfig",
			".gitignore", "docker-compose.yml", "test-support");

	private static final Pattern MODULES = Pattern.compile("(?s)([ \\t]*)<modules>.*?</modules>");

	private final Path repository;

	public StarterKit(Path repository) {
		this.repository = repository;
	}

	/**
	 * The command that runs an exercise's tests, with {@code -am} so a fresh clone
	 * (nothing in {@code ~/.m2}) builds test-support first.
	 */
	public static String checkCommand(String module, String tests) {
		return "./mvnw -B -pl " + module + " -am verify -Dtest='" + tests + "' -Dsurefire.failIfNoSpecifiedTests=false";
	}

	/**
	 * The root pom's modules in order, each aggregator (a folder whose own pom lists
	 * modules, such as {@code messaging}) replaced by its modules
	 * ({@code messaging/rabbitmq}), the name {@code ./bbe} and {@code -pl} take.
	 */
	public static List<String> modules(Path repository) {
		List<String> found = new ArrayList<>();
		for (String module : modules(read(repository.resolve("pom.xml")))) {
			Path pom = repository.resolve(module).resolve("pom.xml");
			List<String> nested = Files.isRegularFile(pom) ? modules(read(pom)) : List.of();
			if (nested.isEmpty()) {
				found.add(module);
			}
			else {
				nested.forEach((name) -> found.add(module + "/" + name));
			}
		}
		return found;
	}

	/** The modules that have an {@code exercises.properties}, in the root pom's order. */
	public List<String> modulesWithExercises() {
		return modules(this.repository).stream()
			.filter((module) -> Files.isRegularFile(this.repository.resolve(module).resolve(Exercises.FILE)))
			.toList();
	}

	/**
	 * Writes the starter into {@code target}, which must not exist or be empty.
	 * @param exerciseId the one exercise to cut out, or {@code null} for all of them
	 * @return the exercises cut out
	 */
	public List<Exercise> write(String module, Path target, @Nullable String exerciseId) {
		Path source = this.repository.resolve(module);
		String pom = read(this.repository.resolve("pom.xml"));
		List<String> modules = modules(this.repository);
		if (module.equals("test-support") || !modules.contains(module)) {
			throw new MarkerException("Unknown module '" + module + "'. Modules: "
					+ String.join(" ", modules.stream().filter((name) -> !name.equals("test-support")).toList()));
		}
		Exercises exercises = Exercises.of(source);
		if (exercises.isEmpty()) {
			throw new MarkerException(module + " has no exercises yet (no " + module + "/" + Exercises.FILE + ")");
		}
		List<Exercise> chosen = (exerciseId != null) ? List.of(exercises.get(exerciseId)) : exercises.all();
		Map<Path, String> stripped = strip(source, exercises, chosen);
		prepare(target);
		for (String name : ROOT_FILES) {
			copy(this.repository.resolve(name), target.resolve(name));
		}
		copy(source, target.resolve(module));
		stripped.forEach((file, text) -> write(target.resolve(module).resolve(source.relativize(file)), text));
		write(target.resolve("pom.xml"), reducedPom(pom, module));
		write(target.resolve("README.md"), readme(module, chosen));
		return chosen;
	}

	/**
	 * The module's marked files with the chosen blocks cut out; checks every file's
	 * markers, and that every exercise of the manifest has a block.
	 */
	Map<Path, String> strip(Path module, Exercises exercises, List<Exercise> chosen) {
		Map<String, String> titles = new LinkedHashMap<>();
		chosen.forEach((exercise) -> titles.put(exercise.id(), exercise.title()));
		Map<Path, String> stripped = new LinkedHashMap<>();
		Set<String> marked = new LinkedHashSet<>();
		for (Path file : files(module.resolve("src"))) {
			ExerciseMarkers markers = ExerciseMarkers.forFile(file.getFileName().toString());
			if (markers == null) {
				continue;
			}
			String text = read(file);
			try {
				marked.addAll(markers.ids(text));
				String result = markers.strip(text, titles, exercises.ids());
				if (!result.equals(text)) {
					stripped.put(file, result);
				}
			}
			catch (MarkerException ex) {
				throw new MarkerException(this.repository.relativize(file) + ", " + ex.getMessage());
			}
		}
		Set<String> unmarked = new LinkedHashSet<>(exercises.ids());
		unmarked.removeAll(marked);
		if (!unmarked.isEmpty()) {
			throw new MarkerException(module.getFileName() + "/" + Exercises.FILE + " lists " + unmarked
					+ " but no file of the module marks it with exercise:begin/end");
		}
		return stripped;
	}

	/** The root pom with only test-support and the module in {@code <modules>}. */
	static String reducedPom(String pom, String module) {
		Matcher modules = MODULES.matcher(pom);
		if (!modules.find()) {
			throw new MarkerException("The root pom.xml has no <modules> section");
		}
		String indent = modules.group(1);
		String replacement = indent + "<modules>\n" + indent + "\t<module>test-support</module>\n" + indent
				+ "\t<module>" + module + "</module>\n" + indent + "</modules>";
		return pom.substring(0, modules.start()) + replacement + pom.substring(modules.end());
	}

	static List<String> modules(String pom) {
		return Pattern.compile("<module>([^<]+)</module>")
			.matcher(pom)
			.results()
			.map((result) -> result.group(1).strip())
			.toList();
	}

	static String readme(String module, List<Exercise> exercises) {
		StringBuilder readme = new StringBuilder();
		readme.append("# ").append(module).append(": live-coding starter\n\n");
		readme.append("A standalone copy of Backend by Example reduced to `")
			.append(module)
			.append("`, with the solution to ")
			.append((exercises.size() == 1) ? "one exercise" : exercises.size() + " exercises")
			.append(" cut out. The cut-out code sits between `exercise:begin <id>` and `exercise:end <id>` comments,\n")
			.append("where a line now fails with \"exercise <id>: ...\". Everything else is the module as it is, ")
			.append("so [its README](")
			.append(module)
			.append("/README.md) explains the topic, and ")
			.append("`./bbe doctor` checks the backing services its tests need.\n\n");
		for (Exercise exercise : exercises) {
			readme.append("## ").append(exercise.id()).append(": ").append(exercise.title()).append("\n\n");
			readme.append(exercise.difficulty()).append(", about ").append(exercise.minutes()).append(" minutes.\n\n");
			readme.append(exercise.task()).append("\n\n");
			readme.append("Done when these tests pass: `./bbe exercise ")
				.append(module)
				.append(" ")
				.append(exercise.id())
				.append("`, which runs\n\n```shell\n")
				.append(checkCommand(module, exercise.testSelector()))
				.append("\n```\n\n");
		}
		readme.append("Then the whole module: `./mvnw -B verify`.\n");
		return readme.toString();
	}

	private static void prepare(Path target) {
		try {
			if (Files.exists(target)) {
				try (Stream<Path> entries = Files.list(target)) {
					if (!Files.isDirectory(target) || entries.findAny().isPresent()) {
						throw new MarkerException(target + " exists and is not empty; choose a new directory");
					}
				}
			}
			Files.createDirectories(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Regular files under a folder, in a stable order, without build output. */
	private static List<Path> files(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).filter((file) -> !isBuildOutput(folder, file)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isBuildOutput(Path root, Path path) {
		for (Path part : root.relativize(path)) {
			if (part.toString().equals("target")) {
				return true;
			}
		}
		return false;
	}

	private static void copy(Path from, Path to) {
		try {
			if (Files.isRegularFile(from)) {
				Files.createDirectories(to.getParent());
				Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
				return;
			}
			Files.walkFileTree(from, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
					if (dir.getFileName().toString().equals("target") && !dir.equals(from)) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					Files.createDirectories(to.resolve(from.relativize(dir).toString()));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code StarterKit <module>
	 *
	<dir>
	 *  [--exercise <id>]}, run from the repository's root. Prints to the terminal on
	 * purpose: this is a command-line tool, not an application with a logger.
	 */
	public static void main(String[] args) {
		PrintStream out = System.out;
		List<String> positional = new ArrayList<>();
		String exerciseId = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--exercise") && i + 1 < args.length) {
				exerciseId = args[++i];
			}
			else if (args[i].startsWith("--exercise=")) {
				exerciseId = args[i].substring("--exercise=".length());
			}
			else if (args[i].startsWith("--")) {
				fail("Unknown option " + args[i] + "; usage: ./bbe starter <module> [dir] [--exercise <id>]");
			}
			else {
				positional.add(args[i]);
			}
		}
		if (positional.size() != 2) {
			fail("Usage: StarterKit <module> <dir> [--exercise <id>]");
		}
		String module = positional.get(0);
		Path target = Path.of(positional.get(1)).toAbsolutePath().normalize();
		try {
			List<Exercise> chosen = new StarterKit(Path.of("").toAbsolutePath()).write(module, target, exerciseId);
			out.println("Wrote a " + module + " starter to " + target);
			for (Exercise exercise : chosen) {
				out.println();
				out.println(exercise.id() + ": " + exercise.title() + " (" + exercise.difficulty() + ", about "
						+ exercise.minutes() + " min)");
				out.println("  " + exercise.task());
				out.println("  check: ./bbe exercise " + module + " " + exercise.id());
				out.println("         " + checkCommand(module, exercise.testSelector()));
			}
			out.println();
			out.println("cd " + target + " && ./bbe exercise " + module);
		}
		catch (MarkerException ex) {
			fail(ex.getMessage());
		}
	}

	// A command-line tool run by ./bbe: the terminal is its interface, not a log.
	private static void fail(String message) {
		System.err.println(message);
		System.exit(2);
	}

}
