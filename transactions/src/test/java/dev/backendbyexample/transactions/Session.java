package dev.backendbyexample.transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One raw JDBC connection playing one transaction of a forced interleaving, like a psql
 * window in Hermitage. A statement that is expected to block runs on the session's own
 * thread ({@link #startAsync}) while the test checks, through the server's lock tables,
 * that it really waits: no sleeps, no timing guesses. A session {@link #watchedBy
 * watched} by an observer runs every statement that way, so one that unexpectedly waits
 * for a lock ends the interleaving with {@link Blocked} instead of hanging it.
 */
final class Session implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofSeconds(30);

	private final Connection connection;

	private final Dialect dialect;

	private final String name;

	private final int pid;

	private final ExecutorService thread;

	private @Nullable Session watcher;

	private @Nullable CompletableFuture<?> pending;

	private boolean waited;

	private Session(Connection connection, Dialect dialect, String name) throws SQLException {
		this.connection = connection;
		this.dialect = dialect;
		this.name = name;
		this.pid = queryInt(dialect.whoAmI());
		this.connection.commit();
		this.thread = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable, name));
	}

	/**
	 * A PostgreSQL connection in a transaction at the given level (it begins with the
	 * first statement).
	 */
	static Session open(JdbcConnectionDetails database, Isolation isolation, String name) throws SQLException {
		return open(Dialect.postgresql(database), isolation, name);
	}

	/**
	 * A connection in a transaction at the given level (it begins with the first
	 * statement).
	 */
	static Session open(Dialect dialect, Isolation isolation, String name) throws SQLException {
		Connection connection = dialect.connections().open();
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(isolation.jdbcLevel());
		return new Session(connection, dialect, name);
	}

	/**
	 * From now on every statement runs on this session's thread while the observer checks
	 * that it is not waiting for a lock; one that is throws {@link Blocked}.
	 */
	Session watchedBy(Session observer) {
		this.watcher = observer;
		return this;
	}

	/** Runs one statement; a query's results are discarded. */
	void run(String sql, Object... parameters) throws SQLException {
		onOwnThread(() -> {
			try (PreparedStatement statement = prepare(sql, parameters)) {
				return statement.execute();
			}
		});
	}

	/** The single int a query returns (the first column of the first row; 0 if none). */
	int queryInt(String sql, Object... parameters) throws SQLException {
		return onOwnThread(() -> {
			try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getInt(1) : 0;
			}
		});
	}

	/** Starts a statement on this session's thread, for one that is expected to block. */
	CompletableFuture<Void> startAsync(String sql, Object... parameters) {
		CompletableFuture<Void> statement = CompletableFuture.runAsync(() -> {
			try (PreparedStatement prepared = prepare(sql, parameters)) {
				prepared.execute();
			}
			catch (SQLException ex) {
				throw new StatementFailed(ex);
			}
		}, this.thread);
		this.pending = statement;
		return statement;
	}

	/**
	 * Waits (bounded) until the server reports this session waiting for a lock another
	 * session holds.
	 */
	void awaitBlocked(Session observer) {
		Awaitility.await("session " + this.pid + " blocked on a lock")
			.atMost(PATIENCE)
			.pollInterval(this.dialect.lockPollInterval())
			.until(() -> observer.isBlocked(this.pid));
		this.waited = true;
	}

	boolean waited() {
		return this.waited;
	}

	private <T> T onOwnThread(Statement<T> work) throws SQLException {
		Session observer = this.watcher;
		if (observer == null) {
			return work.call();
		}
		CompletableFuture<T> statement = CompletableFuture.supplyAsync(() -> {
			try {
				return work.call();
			}
			catch (SQLException ex) {
				throw new StatementFailed(ex);
			}
		}, this.thread);
		this.pending = statement;
		// Done, or provably waiting for a lock: both are states, neither is a timing
		// guess. The lock table is asked no more often than the dialect allows: InnoDB
		// refreshes its copy only when nobody read it for 0.1 s.
		Awaitility.await(this.name + " done or blocked on a lock")
			.atMost(PATIENCE)
			.pollDelay(Duration.ZERO)
			.pollInterval(this.dialect.lockPollInterval())
			.until(() -> settled(statement) || waitsForLock(statement, observer));
		if (!statement.isDone()) {
			this.waited = true;
			throw new Blocked(this.name);
		}
		return finish(statement);
	}

	/**
	 * Whether the lock table shows this session waiting, and still does after one poll
	 * interval in which the statement did not finish. Asking once is not enough: InnoDB
	 * answers from a copy of {@code innodb_trx} that may predate the statement and still
	 * show the wait of this session's previous one.
	 */
	private boolean waitsForLock(CompletableFuture<?> statement, Session observer) throws SQLException {
		return observer.isBlocked(this.pid) && !settled(statement) && observer.isBlocked(this.pid);
	}

	/** Whether the statement finished within one poll interval (most do at once). */
	private boolean settled(CompletableFuture<?> statement) {
		try {
			statement.get(this.dialect.lockPollInterval().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return true;
	}

	private boolean isBlocked(int otherPid) throws SQLException {
		boolean blocked;
		try (PreparedStatement statement = prepare(this.dialect.waitsForLock(), otherPid);
				ResultSet rows = statement.executeQuery()) {
			blocked = rows.next() && rows.getInt(1) > 0;
		}
		this.connection.commit();
		return blocked;
	}

	void commit() throws SQLException {
		this.connection.commit();
	}

	void rollback() throws SQLException {
		this.connection.rollback();
	}

	/**
	 * Closes the connection, which rolls back an open transaction. A connection whose
	 * statement still waits for a lock is aborted instead: a polite close would queue
	 * behind that statement.
	 */
	@Override
	public void close() throws SQLException {
		CompletableFuture<?> statement = this.pending;
		if (statement != null && !statement.isDone()) {
			this.connection.abort(Runnable::run);
		}
		else {
			this.connection.close();
		}
		this.thread.shutdownNow();
	}

	/**
	 * Waits (bounded) for a statement started with {@link #startAsync} and rethrows its
	 * SQL failure.
	 */
	static <T> T finish(CompletableFuture<T> statement) throws SQLException {
		try {
			return statement.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
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

	/** One JDBC call, run on the caller's or the session's thread. */
	@FunctionalInterface
	private interface Statement<T> {

		T call() throws SQLException;

	}

	/**
	 * A watched session's statement waits for a lock another session of the interleaving
	 * holds: the anomaly cannot happen before that session ends.
	 */
	static final class Blocked extends RuntimeException {

		Blocked(String session) {
			super(session + " waits for a lock");
		}

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

	/** Used only by tests that need plain auto-commit statements. */
	static void execute(Dialect dialect, List<String> statements) throws SQLException {
		try (Connection connection = dialect.connections().open();
				java.sql.Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
