package dev.backendbyexample.testsupport.starter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code exercise:begin <id>} ... {@code exercise:end <id>} blocks in one
 * source file and cuts out the ones asked for, leaving the markers and, between them, a
 * single line that fails with the exercise's id and title. Pure text in, text out: the
 * rules a copy-paster breaks (nesting, a missing end, an id the manifest does not know, a
 * Java block that does not end its method) are errors, never a silently broken starter.
 */
public final class ExerciseMarkers {

	private static final Pattern ANY_MARKER = Pattern.compile("exercise:(begin|end)\\b");

	private final Syntax syntax;

	private ExerciseMarkers(Syntax syntax) {
		this.syntax = syntax;
	}

	/**
	 * The markers for a file name: {@code //} for Java, {@code --} for Lua and SQL.
	 * @return {@code null} for a file type that cannot carry markers
	 */
	public static @Nullable ExerciseMarkers forFile(String fileName) {
		if (fileName.endsWith(".java")) {
			return new ExerciseMarkers(Syntax.JAVA);
		}
		if (fileName.endsWith(".lua")) {
			return new ExerciseMarkers(Syntax.LUA);
		}
		if (fileName.endsWith(".sql")) {
			return new ExerciseMarkers(Syntax.SQL);
		}
		return null;
	}

	/** The ids of the blocks in this source, in order of appearance. */
	public Set<String> ids(String source) {
		Set<String> ids = new LinkedHashSet<>();
		for (Block block : blocks(source)) {
			ids.add(block.id());
		}
		return ids;
	}

	/**
	 * Replaces the body of every block whose id is in {@code titles} (id to title) with
	 * one failing line at the begin marker's indentation; other blocks stay as they are.
	 * @throws MarkerException if the markers are malformed or name an id not in
	 * {@code known}
	 */
	public String strip(String source, Map<String, String> titles, Set<String> known) {
		List<Block> blocks = blocks(source);
		for (Block block : blocks) {
			if (!known.contains(block.id())) {
				throw new MarkerException("line " + (block.begin() + 1) + ": exercise '" + block.id()
						+ "' is not in the module's exercises.properties");
			}
		}
		List<String> lines = lines(source);
		List<String> out = new ArrayList<>();
		int next = 0;
		for (Block block : blocks) {
			String title = titles.get(block.id());
			if (title == null) {
				continue;
			}
			out.addAll(lines.subList(next, block.begin() + 1));
			out.add(indentation(lines.get(block.begin())) + this.syntax.failure(block.id(), title));
			next = block.end();
		}
		out.addAll(lines.subList(next, lines.size()));
		return String.join("\n", out) + (source.endsWith("\n") ? "\n" : "");
	}

	private List<Block> blocks(String source) {
		List<String> lines = lines(source);
		List<Block> blocks = new ArrayList<>();
		String open = null;
		int openedAt = -1;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (!ANY_MARKER.matcher(line).find()) {
				continue;
			}
			Matcher marker = this.syntax.marker.matcher(line);
			if (!marker.matches()) {
				throw new MarkerException("line " + (i + 1) + ": malformed marker '" + line.strip() + "', expected '"
						+ this.syntax.comment + " exercise:begin <id>' or '" + this.syntax.comment
						+ " exercise:end <id>' alone on its line");
			}
			String id = marker.group(2);
			if (marker.group(1).equals("begin")) {
				if (open != null) {
					throw new MarkerException("line " + (i + 1) + ": exercise '" + id + "' begins inside exercise '"
							+ open + "' (line " + (openedAt + 1) + "); blocks cannot nest");
				}
				open = id;
				openedAt = i;
			}
			else {
				if (open == null) {
					throw new MarkerException("line " + (i + 1) + ": exercise '" + id + "' ends but never began");
				}
				if (!open.equals(id)) {
					throw new MarkerException("line " + (i + 1) + ": exercise '" + id + "' ends, but '" + open
							+ "' (line " + (openedAt + 1) + ") is the one open");
				}
				if (this.syntax == Syntax.JAVA) {
					requireEndOfMethod(lines, i, id);
				}
				blocks.add(new Block(id, openedAt, i));
				open = null;
			}
		}
		if (open != null) {
			throw new MarkerException(
					"line " + (openedAt + 1) + ": exercise '" + open + "' begins but never ends (no exercise:end)");
		}
		return blocks;
	}

	/**
	 * The throw that replaces a Java block must be the method's last statement, or the
	 * starter would not compile ("unreachable statement").
	 */
	private static void requireEndOfMethod(List<String> lines, int end, String id) {
		for (int i = end + 1; i < lines.size(); i++) {
			String next = lines.get(i).strip();
			if (next.isEmpty()) {
				continue;
			}
			if (next.equals("}")) {
				return;
			}
			break;
		}
		throw new MarkerException("line " + (end + 1) + ": exercise '" + id
				+ "' must end its method (the next line must be the method's closing brace)");
	}

	private static List<String> lines(String source) {
		String body = source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
		return body.isEmpty() ? List.of() : List.of(body.split("\n", -1));
	}

	private static String indentation(String line) {
		int i = 0;
		while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
			i++;
		}
		return line.substring(0, i);
	}

	private record Block(String id, int begin, int end) {

	}

	private enum Syntax {

		JAVA("//") {
			@Override
			String failure(String id, String title) {
				return "throw new UnsupportedOperationException(\"exercise " + id + ": " + escape(title) + "\");";
			}
		},

		LUA("--") {
			@Override
			String failure(String id, String title) {
				return "error(\"exercise " + id + ": " + escape(title) + "\")";
			}
		},

		/** PostgreSQL: a statement that fails when the migration or script runs. */
		SQL("--") {
			@Override
			String failure(String id, String title) {
				return "DO $$ BEGIN RAISE EXCEPTION 'exercise " + id + ": " + title.replace("'", "''") + "'; END $$;";
			}
		};

		private final String comment;

		private final Pattern marker;

		Syntax(String comment) {
			this.comment = comment;
			this.marker = Pattern
				.compile("\\s*" + Pattern.quote(comment) + " exercise:(begin|end) ([a-z0-9][a-z0-9-]*)\\s*");
		}

		abstract String failure(String id, String title);

		private static String escape(String text) {
			return text.replace("\\", "\\\\").replace("\"", "\\\"");
		}

	}

}
