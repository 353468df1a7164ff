package dev.backendbyexample.transactions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One raw JDBC connection playing one transaction of a forced interleaving, like a psql
 * window in Hermitage. A statement that is expected to block runs on the session's own
 * thread ({@link #startAsync}) while the test checks, through PostgreSQL's lock table,
 * that it really waits: no sleeps, no timing guesses.
 */
final class Session implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	private final Connection connection;

	private final int pid;

	private final ExecutorService thread;

	private boolean waited;

	private Session(Connection connection, String name) throws SQLException {
		this.connection = connection;
		this.pid = queryInt("select pg_backend_pid()");
		this.connection.commit();
		this.thread = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable, name));
	}

	/**
	 * A connection in a transaction at the given level (it begins with the first
	 * statement).
	 */
	static Session open(JdbcConnectionDetails database, Isolation isolation, String name) throws SQLException {
		Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword());
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(isolation.jdbcLevel());
		return new Session(connection, name);
	}

	/** Runs one statement; a query's results are discarded. */
	void run(String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = prepare(sql, parameters)) {
			statement.execute();
		}
	}

	/** The single int a query returns (the first column of the first row; 0 if none). */
	int queryInt(String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
			return rows.next() ? rows.getInt(1) : 0;
		}
	}

	/** Starts a statement on this session's thread, for one that is expected to block. */
	CompletableFuture<Void> startAsync(String sql, Object... parameters) {
		return CompletableFuture.runAsync(() -> {
			try {
				run(sql, parameters);
			}
			catch (SQLException ex) {
				throw new StatementFailed(ex);
			}
		}, this.thread);
	}

	/**
	 * Waits (bounded) until PostgreSQL reports this session waiting for a lock another
	 * session holds.
	 */
	void awaitBlocked(Session observer) {
		Awaitility.await("session " + this.pid + " blocked on a lock")
			.atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> observer.isBlocked(this.pid));
		this.waited = true;
	}

	boolean waited() {
		return this.waited;
	}

	private boolean isBlocked(int otherPid) throws SQLException {
		boolean blocked = queryInt("select cardinality(pg_blocking_pids(?))", otherPid) > 0;
		this.connection.commit();
		return blocked;
	}

	void commit() throws SQLException {
		this.connection.commit();
	}

	void rollback() throws SQLException {
		this.connection.rollback();
	}

	@Override
	public void close() throws SQLException {
		this.thread.shutdownNow();
		this.connection.close();
	}

	/**
	 * Waits (bounded) for a statement started with {@link #startAsync} and rethrows its
	 * SQL failure.
	 */
	static void finish(CompletableFuture<Void> statement) throws SQLException {
		try {
			statement.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof StatementFailed failed) {
				throw failed.getCause();
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("statement still blocked after " + PATIENCE, ex);
		}
	}

	private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
		PreparedStatement statement = this.connection.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			statement.setObject(i + 1, parameters[i]);
		}
		return statement;
	}

	/** Carries a statement's SQL failure out of its thread. */
	static final class StatementFailed extends RuntimeException {

		StatementFailed(SQLException cause) {
			super(cause);
		}

		@Override
		public synchronized SQLException getCause() {
			return (SQLException) super.getCause();
		}

	}

	/** Used only by tests that need a plain auto-commit statement. */
	static void execute(JdbcConnectionDetails database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
				database.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
