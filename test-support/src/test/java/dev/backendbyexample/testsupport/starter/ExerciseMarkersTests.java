package dev.backendbyexample.testsupport.starter;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cutting solutions out of source text: what replaces them, what stays, and the marker
 * mistakes that must stop {@code ./bbe starter} instead of producing a broken copy.
 */
class ExerciseMarkersTests {

	private static final ExerciseMarkers JAVA = ExerciseMarkers.forFile("Transfers.java");

	private static final ExerciseMarkers LUA = ExerciseMarkers.forFile("token_bucket.lua");

	private static final Set<String> KNOWN = Set.of("optimistic", "lock-order");

	private static final String JAVA_SOURCE = """
			class Transfers {

				Transfer attempt(Command command) {
					Account from = accounts.get(command.from());
					// exercise:begin optimistic
					if (from.balance() < command.amount()) {
						throw new InsufficientFunds();
					}
					return ledger.record(command);
					// exercise:end optimistic
				}

			}
			""";

	@Test
	void replacesTheBlockWithAThrowAtItsIndentationAndKeepsTheMarkers() {
		String stripped = JAVA.strip(JAVA_SOURCE, Map.of("optimistic", "write it with a version check"), KNOWN);
		assertThat(stripped).isEqualTo("""
				class Transfers {

					Transfer attempt(Command command) {
						Account from = accounts.get(command.from());
						// exercise:begin optimistic
						throw new UnsupportedOperationException("exercise optimistic: write it with a version check");
						// exercise:end optimistic
					}

				}
				""");
	}

	@Test
	void leavesBlocksOfOtherExercisesAsTheyAre() {
		assertThat(JAVA.strip(JAVA_SOURCE, Map.of("lock-order", "lock in one order"), KNOWN)).isEqualTo(JAVA_SOURCE);
	}

	@Test
	void cutsEveryBlockOfAnExerciseAndOnlyThose() {
		String source = """
				-- exercise:begin optimistic
				local a = 1
				-- exercise:end optimistic
				local b = 2
				  -- exercise:begin lock-order
				  local c = 3
				  -- exercise:end lock-order
				-- exercise:begin optimistic
				return a
				-- exercise:end optimistic
				""";
		assertThat(LUA.strip(source, Map.of("optimistic", "say \"hi\""), KNOWN)).isEqualTo("""
				-- exercise:begin optimistic
				error("exercise optimistic: say \\"hi\\"")
				-- exercise:end optimistic
				local b = 2
				  -- exercise:begin lock-order
				  local c = 3
				  -- exercise:end lock-order
				-- exercise:begin optimistic
				error("exercise optimistic: say \\"hi\\"")
				-- exercise:end optimistic
				""");
		assertThat(LUA.ids(source)).containsExactly("optimistic", "lock-order");
	}

	@Test
	void sqlFailsWithARaisedException() {
		String stripped = ExerciseMarkers.forFile("V2__rules.sql")
			.strip("-- exercise:begin optimistic\nselect 1;\n-- exercise:end optimistic\n",
					Map.of("optimistic", "Bob's rule"), KNOWN);
		assertThat(stripped).contains("DO $$ BEGIN RAISE EXCEPTION 'exercise optimistic: Bob''s rule'; END $$;");
	}

	@Test
	void onlyJavaLuaAndSqlCarryMarkers() {
		assertThat(ExerciseMarkers.forFile("application.yml")).isNull();
		assertThat(ExerciseMarkers.forFile("README.md")).isNull();
	}

	@Test
	void aFileWithoutMarkersIsUnchanged() {
		String source = "class A {\n}\n";
		assertThat(JAVA.strip(source, Map.of("optimistic", "t"), KNOWN)).isEqualTo(source);
		assertThat(JAVA.strip("no newline at the end", Map.of(), KNOWN)).isEqualTo("no newline at the end");
	}

	@Test
	void nestedBlocksAreAnError() {
		String source = """
				void a() {
					// exercise:begin optimistic
					// exercise:begin lock-order
					// exercise:end lock-order
					// exercise:end optimistic
				}
				""";
		assertThatExceptionOfType(MarkerException.class).isThrownBy(() -> JAVA.strip(source, Map.of(), KNOWN))
			.withMessage(
					"line 3: exercise 'lock-order' begins inside exercise 'optimistic' (line 2); blocks cannot nest");
	}

	@Test
	void aBeginWithoutEndIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> JAVA.strip("void a() {\n\t// exercise:begin optimistic\n}\n", Map.of(), KNOWN))
			.withMessage("line 2: exercise 'optimistic' begins but never ends (no exercise:end)");
	}

	@Test
	void anEndWithoutBeginIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> JAVA.strip("void a() {\n\t// exercise:end optimistic\n}\n", Map.of(), KNOWN))
			.withMessage("line 2: exercise 'optimistic' ends but never began");
	}

	@Test
	void anEndOfAnotherIdIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> LUA.strip("-- exercise:begin optimistic\n-- exercise:end lock-order\n", Map.of(), KNOWN))
			.withMessage("line 2: exercise 'lock-order' ends, but 'optimistic' (line 1) is the one open");
	}

	@Test
	void anIdTheManifestDoesNotKnowIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(
					() -> LUA.strip("-- exercise:begin pessimistic\n-- exercise:end pessimistic\n", Map.of(), KNOWN))
			.withMessage("line 1: exercise 'pessimistic' is not in the module's exercises.properties");
	}

	@Test
	void aMalformedMarkerIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> JAVA.strip("void a() {\n\t// exercise:begin\n}\n", Map.of(), KNOWN))
			.withMessageStartingWith("line 2: malformed marker '// exercise:begin'");
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> LUA.strip("// exercise:begin optimistic\n", Map.of(), KNOWN))
			.withMessageStartingWith("line 1: malformed marker");
	}

	@Test
	void aJavaBlockThatDoesNotEndItsMethodIsAnError() {
		String source = """
				void a() {
					// exercise:begin optimistic
					int x = 1;
					// exercise:end optimistic
					log(x);
				}
				""";
		assertThatExceptionOfType(MarkerException.class).isThrownBy(() -> JAVA.strip(source, Map.of(), KNOWN))
			.withMessage("line 4: exercise 'optimistic' must end its method (the next line must be the method's "
					+ "closing brace)");
	}

}
