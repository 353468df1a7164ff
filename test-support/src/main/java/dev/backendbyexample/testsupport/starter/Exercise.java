package dev.backendbyexample.testsupport.starter;

import java.util.List;

/**
 * One exercise of a module, as its {@code exercises.properties} describes it.
 *
 * @param id the id its markers carry, e.g. {@code token-bucket}
 * @param title a few words, shown in the line that replaces the solution
 * @param difficulty easy, medium or hard
 * @param minutes a time estimate for a candidate who knows the topic
 * @param task one paragraph: what to write and where
 * @param tests the module's tests ({@code Class} or {@code Class#method}) that fail while
 * the solution is cut out
 */
public record Exercise(String id, String title, String difficulty, int minutes, String task, List<String> tests) {

	/** What surefire's {@code -Dtest} takes. */
	public String testSelector() {
		return String.join(",", this.tests);
	}

}
