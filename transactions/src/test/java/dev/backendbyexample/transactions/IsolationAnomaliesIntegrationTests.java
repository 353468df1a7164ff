package dev.backendbyexample.transactions;

import java.util.stream.Stream;

import dev.backendbyexample.testsupport.BackingServices;
import dev.backendbyexample.testsupport.MariaDbDatabase;
import dev.backendbyexample.testsupport.Service;
import dev.backendbyexample.transactions.Hermitage.Anomaly;
import dev.backendbyexample.transactions.Hermitage.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static dev.backendbyexample.transactions.Hermitage.Outcome.ABORTS;
import static dev.backendbyexample.transactions.Hermitage.Outcome.ANOMALY;
import static dev.backendbyexample.transactions.Hermitage.Outcome.PREVENTED;
import static dev.backendbyexample.transactions.Hermitage.Outcome.WAITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What PostgreSQL does with each of Hermitage's anomalies at READ COMMITTED, REPEATABLE
 * READ and SERIALIZABLE, and MariaDB (InnoDB) at the first two; {@link Hermitage}
 * narrates each interleaving.
 */
@TransactionsIntegrationTest
@BackingServices(Service.MARIADB) // only here: the demo and test-run need no MariaDB
class IsolationAnomaliesIntegrationTests {

	@Autowired
	JdbcConnectionDetails postgresql;

	@Autowired
	MariaDbDatabase mariadb;

	/**
	 * The matrix PostgreSQL 15 produces: read committed, repeatable read, serializable.
	 */
	static Stream<Arguments> postgresql() {
		return Stream
			.of(row(Anomaly.G0, WAITS, ABORTS, ABORTS), row(Anomaly.G1A, PREVENTED, PREVENTED, PREVENTED),
					row(Anomaly.G1B, PREVENTED, PREVENTED, PREVENTED), row(Anomaly.G1C, PREVENTED, PREVENTED, ABORTS),
					row(Anomaly.OTV, WAITS, ABORTS, ABORTS), row(Anomaly.PMP, ANOMALY, PREVENTED, PREVENTED),
					row(Anomaly.P4, ANOMALY, ABORTS, ABORTS), row(Anomaly.G_SINGLE, ANOMALY, PREVENTED, PREVENTED),
					row(Anomaly.G2_ITEM, ANOMALY, ANOMALY, ABORTS), row(Anomaly.G2, ANOMALY, ANOMALY, ABORTS))
			.flatMap((row) -> row);
	}

	/**
	 * The matrix MariaDB 10.11 (InnoDB) produces: read committed, repeatable read. Its
	 * repeatable read lets the lost update (P4) through: a write does not check that the
	 * row changed since the snapshot, it waits for the lock and overwrites.
	 */
	static Stream<Arguments> mariadb() {
		return Stream
			.of(row(Anomaly.G0, WAITS, WAITS), row(Anomaly.G1A, PREVENTED, PREVENTED),
					row(Anomaly.G1B, PREVENTED, PREVENTED), row(Anomaly.G1C, PREVENTED, PREVENTED),
					row(Anomaly.OTV, WAITS, WAITS), row(Anomaly.PMP, ANOMALY, PREVENTED),
					row(Anomaly.P4, ANOMALY, ANOMALY), row(Anomaly.G_SINGLE, ANOMALY, PREVENTED),
					row(Anomaly.G2_ITEM, ANOMALY, ANOMALY), row(Anomaly.G2, ANOMALY, ANOMALY))
			.flatMap((row) -> row);
	}

	@ParameterizedTest(name = "{0} at {1} is {2}")
	@MethodSource("postgresql")
	void postgresqlHandlesEachAnomalyAsHermitageRecorded(Anomaly anomaly, Isolation isolation, Outcome expected)
			throws Exception {
		assertThat(new Hermitage(Dialect.postgresql(this.postgresql)).run(anomaly, isolation)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} at {1} is {2}")
	@MethodSource("mariadb")
	void mariadbHandlesEachAnomalyAsHermitageRecorded(Anomaly anomaly, Isolation isolation, Outcome expected)
			throws Exception {
		assertThat(new Hermitage(Dialect.mariadb(this.mariadb)).run(anomaly, isolation)).isEqualTo(expected);
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
