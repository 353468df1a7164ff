package dev.backendbyexample.transactions;

import java.util.stream.Stream;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.MariaDbDatabase;
import dev.backendbyexample.testsupport.Service;
import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.Hermitage.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static dev.backendbyexample.transactions.Hermitage.Outcome.ABORTS;
import static dev.backendbyexample.transactions.Hermitage.Outcome.ABORTS_RECORD_CHANGED;
import static dev.backendbyexample.transactions.Hermitage.Outcome.ANOMALY;
import static dev.backendbyexample.transactions.Hermitage.Outcome.CUT_SHORT;
import static dev.backendbyexample.transactions.Hermitage.Outcome.PREVENTED;
import static dev.backendbyexample.transactions.Hermitage.Outcome.WAITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What PostgreSQL does with each of Hermitage's anomalies at READ COMMITTED, REPEATABLE
 * READ and SERIALIZABLE, and MariaDB (InnoDB) at the first two, and at REPEATABLE READ
 * again with {@code innodb_snapshot_isolation} on; {@link Hermitage} narrates each
 * interleaving.
 */
@TransactionsIntegrationTest
@BackingServices(Service.MARIADB) // only here: the demo and test-run need no MariaDB
class IsolationAnomaliesIntegrationTests {

	@Autowired
	JdbcConnectionDetails postgresql;

	@Autowired
	MariaDbDatabase mariadb;

	/**
	 * The matrix PostgreSQL (15 locally, 17.6 in containers mode) produces: read
	 * committed, repeatable read, serializable.
	 */
	static Stream<Arguments> postgresql() {
		return Stream
			.of(row(Anomaly.G0, WAITS, ABORTS, ABORTS), row(Anomaly.G1A, PREVENTED, PREVENTED, PREVENTED),
					row(Anomaly.G1B, PREVENTED, PREVENTED, PREVENTED), row(Anomaly.G1C, PREVENTED, PREVENTED, ABORTS),
					row(Anomaly.OTV, WAITS, ABORTS, ABORTS), row(Anomaly.PMP, ANOMALY, PREVENTED, PREVENTED),
					row(Anomaly.PMP_WRITE, ANOMALY, ABORTS, ABORTS), row(Anomaly.P4, ANOMALY, ABORTS, ABORTS),
					row(Anomaly.G_SINGLE, ANOMALY, PREVENTED, PREVENTED),
					row(Anomaly.G_SINGLE_WRITE, ANOMALY, ABORTS, ABORTS),
					row(Anomaly.G2_ITEM, ANOMALY, ANOMALY, ABORTS), row(Anomaly.G2, ANOMALY, ANOMALY, ABORTS))
			.flatMap((row) -> row);
	}

	/**
	 * The matrix MariaDB 10.11 (InnoDB) produces: read committed, repeatable read. Its
	 * repeatable read prevents PMP and G-single only for read-only transactions, and lets
	 * the lost update (P4) through: a write does not check that the row changed since the
	 * snapshot, it waits for the lock and acts on the newest committed row.
	 */
	static Stream<Arguments> mariadb() {
		return Stream
			.of(row(Anomaly.G0, WAITS, WAITS), row(Anomaly.G1A, PREVENTED, PREVENTED),
					row(Anomaly.G1B, PREVENTED, PREVENTED), row(Anomaly.G1C, PREVENTED, PREVENTED),
					row(Anomaly.OTV, WAITS, WAITS), row(Anomaly.PMP, ANOMALY, PREVENTED),
					row(Anomaly.PMP_WRITE, WAITS, ANOMALY), row(Anomaly.P4, ANOMALY, ANOMALY),
					row(Anomaly.G_SINGLE, ANOMALY, PREVENTED), row(Anomaly.G_SINGLE_WRITE, ANOMALY, ANOMALY),
					row(Anomaly.G2_ITEM, ANOMALY, ANOMALY), row(Anomaly.G2, ANOMALY, ANOMALY))
			.flatMap((row) -> row);
	}

	/**
	 * MariaDB's repeatable read with {@code innodb_snapshot_isolation} on, the default
	 * since 11.6.2: the lost update and both write-predicate cases abort with error 1020,
	 * as they abort with 40001 on PostgreSQL. G0 and OTV still wait and go on: InnoDB
	 * takes the snapshot at the first plain read, and T2 writes before it reads.
	 */
	static Stream<Arguments> mariadbWithSnapshotIsolation() {
		return Stream.of(repeatableRead(Anomaly.G0, WAITS), repeatableRead(Anomaly.G1A, PREVENTED),
				repeatableRead(Anomaly.G1B, PREVENTED), repeatableRead(Anomaly.G1C, PREVENTED),
				repeatableRead(Anomaly.OTV, WAITS), repeatableRead(Anomaly.PMP, PREVENTED),
				repeatableRead(Anomaly.PMP_WRITE, ABORTS_RECORD_CHANGED),
				repeatableRead(Anomaly.P4, ABORTS_RECORD_CHANGED), repeatableRead(Anomaly.G_SINGLE, PREVENTED),
				repeatableRead(Anomaly.G_SINGLE_WRITE, ABORTS_RECORD_CHANGED), repeatableRead(Anomaly.G2_ITEM, ANOMALY),
				repeatableRead(Anomaly.G2, ANOMALY));
	}

	@ParameterizedTest(name = "{0} at {1} is {2}")
	@MethodSource("postgresql")
	void postgresqlHandlesEachAnomalyAsHermitageRecorded(Anomaly anomaly, Isolation isolation, Outcome expected)
			throws Exception {
		assertPlayedAsRecorded(new Hermitage(Dialect.postgresql(this.postgresql)).run(anomaly, isolation), expected);
	}

	@ParameterizedTest(name = "{0} at {1} is {2}")
	@MethodSource("mariadb")
	void mariadbHandlesEachAnomalyAsHermitageRecorded(Anomaly anomaly, Isolation isolation, Outcome expected)
			throws Exception {
		assertPlayedAsRecorded(new Hermitage(Dialect.mariadb(this.mariadb)).run(anomaly, isolation), expected);
	}

	@ParameterizedTest(name = "{0} at {1} is {2}")
	@MethodSource("mariadbWithSnapshotIsolation")
	void mariadbWithSnapshotIsolationAbortsTheWritesItsRepeatableReadLetThrough(Anomaly anomaly, Isolation isolation,
			Outcome expected) throws Exception {
		assertPlayedAsRecorded(
				new Hermitage(Dialect.mariadbWithSnapshotIsolation(this.mariadb)).run(anomaly, isolation), expected);
	}

	/**
	 * MariaDB's serializable turns every plain read into a shared-lock read, so in the
	 * lost update T1's write waits for T2's read lock, a wait PostgreSQL's steps do not
	 * expect. The case ends there, unchecked: it says so, and fails a matrix even one
	 * that wrote the outcome down as expected.
	 */
	@Test
	void caseCutShortByAnUnexpectedLockWaitIsReportedAsSuchAndFailsTheMatrix() throws Exception {
		Outcome played = new Hermitage(Dialect.mariadb(this.mariadb)).run(Anomaly.P4, Isolation.SERIALIZABLE);

		assertThat(played).isEqualTo(CUT_SHORT);
		assertThat(played.label()).doesNotContain("prevented");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertPlayedAsRecorded(played, WAITS));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertPlayedAsRecorded(played, CUT_SHORT))
			.withMessageContaining("never checked");
	}

	/** A case that ran to its end, with the outcome the matrix records. */
	private static void assertPlayedAsRecorded(Outcome played, Outcome recorded) {
		assertThat(played).as("a case cut short by an unexpected lock wait was never checked").isNotEqualTo(CUT_SHORT);
		assertThat(played).isEqualTo(recorded);
	}

	private static Arguments repeatableRead(Anomaly anomaly, Outcome outcome) {
		return arguments(anomaly, Isolation.REPEATABLE_READ, outcome);
	}

	private static Stream<Arguments> row(Anomaly anomaly, Outcome readCommitted, Outcome repeatableRead) {
		return Stream.of(arguments(anomaly, Isolation.READ_COMMITTED, readCommitted),
				arguments(anomaly, Isolation.REPEATABLE_READ, repeatableRead));
	}

	private static Stream<Arguments> row(Anomaly anomaly, Outcome readCommitted, Outcome repeatableRead,
			Outcome serializable) {
		return Stream.of(arguments(anomaly, Isolation.READ_COMMITTED, readCommitted),
				arguments(anomaly, Isolation.REPEATABLE_READ, repeatableRead),
				arguments(anomaly, Isolation.SERIALIZABLE, serializable));
	}

}
