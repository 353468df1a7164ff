package dev.backendbyexample.testsupport.starter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A module's {@code exercises.properties}: read in file order, every field required.
 */
class ExercisesTests {

	private static final String MANIFEST = """
			lock-order.title=lock in one order
			lock-order.difficulty=easy
			lock-order.minutes=10
			lock-order.task=Lock both rows, lowest id first.
			lock-order.tests=DeadlockIntegrationTests#neverDeadlocks, TransferTests

			optimistic.title=version check
			optimistic.difficulty=hard
			optimistic.minutes=30
			optimistic.task=Write each row only if its version is the one read.
			optimistic.tests=LostUpdateIntegrationTests,TransferTests
			""";

	@Test
	void readsEveryExerciseInFileOrder() {
		Exercises exercises = Exercises.parse(MANIFEST);
		assertThat(exercises.ids()).containsExactly("lock-order", "optimistic");
		assertThat(exercises.get("lock-order"))
			.isEqualTo(new Exercise("lock-order", "lock in one order", "easy", 10, "Lock both rows, lowest id first.",
					java.util.List.of("DeadlockIntegrationTests#neverDeadlocks", "TransferTests")));
		assertThat(exercises.get("lock-order").testSelector())
			.isEqualTo("DeadlockIntegrationTests#neverDeadlocks,TransferTests");
		assertThat(exercises.tests()).containsExactly("DeadlockIntegrationTests#neverDeadlocks", "TransferTests",
				"LostUpdateIntegrationTests");
	}

	@Test
	void anUnknownIdNamesTheKnownOnes() {
		assertThatExceptionOfType(MarkerException.class).isThrownBy(() -> Exercises.parse(MANIFEST).get("naive"))
			.withMessage("No exercise 'naive'; this module has: lock-order, optimistic");
	}

	@Test
	void aMissingFieldIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> Exercises.parse(MANIFEST.replace("optimistic.minutes=30\n", "")))
			.withMessage("exercises.properties: optimistic.minutes is missing");
	}

	@Test
	void difficultyIsEasyMediumOrHard() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> Exercises.parse(MANIFEST.replace("difficulty=hard", "difficulty=brutal")))
			.withMessage("exercises.properties: optimistic.difficulty must be easy, medium or hard, not brutal");
	}

	@Test
	void testsAreClassesOrMethods() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> Exercises.parse(MANIFEST.replace("LostUpdateIntegrationTests", "*IntegrationTests")))
			.withMessageContaining("'*IntegrationTests' is not a test class (Class) or method (Class#method)");
	}

	@Test
	void anUnknownFieldIsAnError() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> Exercises.parse(MANIFEST + "optimistic.hint=look at Accounts\n"))
			.withMessageStartingWith("exercises.properties: unknown key optimistic.hint");
	}

	@Test
	void testsStayOnOneLineForBbe() {
		assertThatExceptionOfType(MarkerException.class)
			.isThrownBy(() -> Exercises.parse(
					MANIFEST.replace("tests=LostUpdateIntegrationTests,", "tests=LostUpdateIntegrationTests,\\\n  ")))
			.withMessage("exercises.properties: keep optimistic.tests on one line (./bbe exercise reads it with sed)");
	}

}
