package dev.backendbyexample.transactions;

import java.sql.SQLException;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Holds one account row's lock from a connection of its own, so that transfers touching
 * the row park at their first write (or {@code FOR UPDATE}) until the test opens the
 * gate: the way to line two transactions up at the same point, deterministically.
 */
final class RowGate implements AutoCloseable {

	private final Session holder;

	private final Session observer;

	private RowGate(Session holder, Session observer) {
		this.holder = holder;
		this.observer = observer;
	}

	/** Takes the row's lock with an update that changes nothing. */
	static RowGate close(JdbcConnectionDetails database, long accountId) throws SQLException {
		Session holder = Session.open(database, Isolation.READ_COMMITTED, "gate");
		holder.run("update account set balance = balance where id = ?", accountId);
		return new RowGate(holder, Session.open(database, Isolation.READ_COMMITTED, "observer"));
	}

	/**
	 * Waits (bounded) until {@code count} sessions of this database are blocked on a
	 * lock. Not "blocked by the gate": the second waiter on a row queues behind the
	 * first, and PostgreSQL names the first as its blocker.
	 */
	void awaitWaiting(int count) {
		Awaitility.await(count + " transactions waiting at the gate")
			.atMost(Session.PATIENCE)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> waiting() == count);
	}

	/** Commits the no-op update: the waiting transactions go on, one after the other. */
	void open() throws SQLException {
		this.holder.commit();
	}

	private int waiting() throws SQLException {
		int waiting = this.observer.queryInt("select count(*) from pg_stat_activity "
				+ "where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0");
		this.observer.commit();
		return waiting;
	}

	@Override
	public void close() throws SQLException {
		this.holder.close();
		this.observer.close();
	}

}
