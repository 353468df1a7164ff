package dev.backendbyexample.transactions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.backendbyexample.testsupport.MariaDbDatabase;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * What a {@link Session} needs to know about the database it talks to: how to connect,
 * which server-side id a connection has, how another connection sees that it waits for a
 * lock, and how to create Hermitage's table. The isolation level itself is set through
 * JDBC, which speaks each server's {@code SET TRANSACTION} syntax; an abort is SQLSTATE
 * 40001 on both (MariaDB's deadlock, error 1213, carries it too).
 *
 * @param name how the database is called in tables and messages
 * @param connections opens a new connection
 * @param whoAmI a query returning this connection's server-side id
 * @param waitsForLock a query taking a connection id, returning a positive count while
 * that connection waits for a lock another one holds
 * @param hermitageTable statements that create the table every case starts from
 * @param lockPollInterval how often to ask {@code waitsForLock}; longer than the time its
 * answer may lag behind the server's state
 */
record Dialect(String name, Connections connections, String whoAmI, String waitsForLock, List<String> hermitageTable,
		Duration lockPollInterval) {

	private static final String HERMITAGE_ROWS = "insert into hermitage (id, value) values (1, 10), (2, 20)";

	static Dialect postgresql(JdbcConnectionDetails database) {
		return new Dialect("PostgreSQL",
				() -> DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
						database.getPassword()),
				"select pg_backend_pid()", "select cardinality(pg_blocking_pids(?))",
				List.of("drop table if exists hermitage", "create table hermitage (id int primary key, value int)",
						HERMITAGE_ROWS),
				Duration.ofMillis(10));
	}

	/**
	 * InnoDB lists every transaction in {@code information_schema.innodb_trx}; one
	 * waiting for a row or gap lock is in state {@code LOCK WAIT}. That table is served
	 * from a cache InnoDB refreshes only when nobody read it for 0.1 s: polling faster
	 * would keep reading the same stale copy, hence 150 ms.
	 */
	static Dialect mariadb(MariaDbDatabase database) {
		return new Dialect("MariaDB", database::connect, "select connection_id()",
				"select count(*) from information_schema.innodb_trx"
						+ " where trx_mysql_thread_id = ? and trx_state = 'LOCK WAIT'",
				List.of("drop table if exists hermitage",
						"create table hermitage (id int primary key, value int) engine = InnoDB", HERMITAGE_ROWS),
				Duration.ofMillis(150));
	}

	/**
	 * MariaDB with {@code innodb_snapshot_isolation} on, the default since MariaDB 11.6.2
	 * (a session variable since 10.6.18, 10.11.8 and 11.4.2): at REPEATABLE READ a write
	 * or locking read that meets a row changed since the snapshot fails with error 1020
	 * instead of acting on the newest row.
	 */
	static Dialect mariadbWithSnapshotIsolation(MariaDbDatabase database) {
		Dialect mariadb = mariadb(database);
		return new Dialect("MariaDB, innodb_snapshot_isolation=ON", () -> {
			Connection connection = database.connect();
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.execute("set session innodb_snapshot_isolation = on");
			}
			return connection;
		}, mariadb.whoAmI(), mariadb.waitsForLock(), mariadb.hermitageTable(), mariadb.lockPollInterval());
	}

	/** Opens a connection. */
	@FunctionalInterface
	interface Connections {

		Connection open() throws SQLException;

	}

}
