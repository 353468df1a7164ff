package dev.backendbyexample.testsupport.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a demo's transcript: numbered steps, each exchange with the headers that matter,
 * one sentence of why, and tables. Demos print to standard output; tests record and
 * assert on it.
 */
public final class Narrator {

	private final Appendable out;

	private int step;

	private Narrator(Appendable out) {
		this.out = out;
	}

	/** The narrator of a demo run by a learner: it writes to the terminal. */
	public static Narrator toStandardOutput() {
		return new Narrator(System.out);
	}

	/** A narrator whose transcript a test can read back with {@link #transcript()}. */
	public static Narrator recording() {
		return new Narrator(new StringBuilder());
	}

	public Narrator title(String title) {
		line("");
		line("== " + title + " ==");
		return this;
	}

	/** Starts the next numbered step. */
	public Narrator step(String what) {
		this.step++;
		line("");
		line(this.step + ". " + what);
		return this;
	}

	/** One request and its outcome, with the named response headers that are present. */
	public Narrator exchange(DemoResponse response, String... headers) {
		StringBuilder text = new StringBuilder("   ").append(response.method())
			.append(' ')
			.append(response.path())
			.append(" -> ")
			.append(response.status())
			.append(' ')
			.append(DemoResponse.reason(response.status()));
		for (String header : headers) {
			response.header(header).ifPresent((value) -> text.append("  ").append(header).append(": ").append(value));
		}
		line(text.toString());
		return this;
	}

	/** Something the demo observed, in its own words. */
	public Narrator say(String text) {
		line("   " + text);
		return this;
	}

	/** The one sentence that explains why it happened. */
	public Narrator why(String reason) {
		line("   why: " + reason);
		return this;
	}

	/** A table with aligned columns. */
	public Narrator table(List<String> header, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(header);
		all.addAll(rows);
		int[] widths = new int[header.size()];
		for (List<String> row : all) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		line("");
		for (int r = 0; r < all.size(); r++) {
			StringBuilder text = new StringBuilder("   ");
			List<String> row = all.get(r);
			for (int i = 0; i < row.size(); i++) {
				text.append(String.format("%-" + widths[i] + "s", row.get(i)));
				if (i < row.size() - 1) {
					text.append(" | ");
				}
			}
			line(text.toString().stripTrailing());
			if (r == 0) {
				line("   " + "-".repeat(text.length() - 3));
			}
		}
		return this;
	}

	/** What a recording narrator has written so far. */
	public String transcript() {
		if (this.out instanceof StringBuilder recorded) {
			return recorded.toString();
		}
		throw new IllegalStateException("Only a recording narrator keeps a transcript");
	}

	private void line(String text) {
		try {
			this.out.append(text).append(System.lineSeparator());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
