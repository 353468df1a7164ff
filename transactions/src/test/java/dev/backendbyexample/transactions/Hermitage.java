package dev.backendbyexample.transactions;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Martin Kleppmann's Hermitage test cases (github.com/ept/hermitage), replayed step by
 * step on two or three real connections to find out what a database (PostgreSQL or
 * MariaDB) does with each isolation anomaly at a given level: lets it happen, makes a
 * transaction wait, or aborts one with SQLSTATE 40001.
 * <p>
 * Every case starts from the same table: {@code (1, 10), (2, 20)}. In the comments "T2
 * waits" means the test saw, in the server's lock tables ({@code pg_blocking_pids},
 * InnoDB's {@code innodb_trx}), that T2 is blocked on a lock T1 holds. The steps are
 * PostgreSQL's; a statement the script does not expect to wait, but which does, ends the
 * case there as {@link Outcome#CUT_SHORT}: the anomaly was never checked, so that outcome
 * is never a verdict.
 * <p>
 * PMP and G-single are each played twice, as Hermitage does for MySQL: with read
 * predicates only (a read-only transaction sees one snapshot) and with a write predicate
 * (a {@code DELETE … WHERE value = 20}), which InnoDB evaluates against the newest
 * committed rows, not against the transaction's snapshot.
 */
final class Hermitage {

	/**
	 * MariaDB's {@code ER_CHECKREAD}, SQLSTATE HY000: with
	 * {@code innodb_snapshot_isolation} on, a row changed since the snapshot.
	 */
	private static final int RECORD_CHANGED_SINCE_LAST_READ = 1020;

	private final Dialect database;

	Hermitage(Dialect database) {
		this.database = database;
	}

	/** Plays one case at one level and says what the database did. */
	Outcome run(Anomaly anomaly, Isolation isolation) throws SQLException {
		reset();
		try (Session observer = Session.open(this.database, Isolation.READ_COMMITTED, "observer");
				Session t1 = Session.open(this.database, isolation, "T1").watchedBy(observer);
				Session t2 = Session.open(this.database, isolation, "T2").watchedBy(observer);
				Session t3 = Session.open(this.database, isolation, "T3").watchedBy(observer)) {
			boolean observed;
			try {
				observed = switch (anomaly) {
					case G0 -> writeCycle(t1, t2, observer);
					case G1A -> abortedRead(t1, t2);
					case G1B -> intermediateRead(t1, t2);
					case G1C -> circularInformationFlow(t1, t2);
					case OTV -> observedTransactionVanishes(t1, t2, t3, observer);
					case PMP -> predicateManyPreceders(t1, t2);
					case PMP_WRITE -> predicateManyPrecedersOnAWritePredicate(t1, t2, observer);
					case P4 -> lostUpdate(t1, t2, observer);
					case G_SINGLE -> readSkew(t1, t2);
					case G_SINGLE_WRITE -> readSkewOnAWritePredicate(t1, t2);
					case G2_ITEM -> writeSkew(t1, t2, observer);
					case G2 -> antiDependencyCycle(t1, t2, observer);
				};
			}
			catch (SQLException ex) {
				// PostgreSQL's serialization failure and MariaDB's deadlock (error 1213)
				// share SQLSTATE 40001.
				if (RetryingTransactions.SERIALIZATION_FAILURE.equals(ex.getSQLState())) {
					return Outcome.ABORTS;
				}
				if (ex.getErrorCode() == RECORD_CHANGED_SINCE_LAST_READ) {
					return Outcome.ABORTS_RECORD_CHANGED;
				}
				throw ex;
			}
			catch (Session.Blocked ex) {
				// Not "prevented": the steps after this one, and the check, never ran.
				return Outcome.CUT_SHORT;
			}
			if (observed) {
				return Outcome.ANOMALY;
			}
			return (t1.waited() || t2.waited() || t3.waited()) ? Outcome.WAITS : Outcome.PREVENTED;
		}
	}

	private boolean writeCycle(Session t1, Session t2, Session observer) throws SQLException {
		t1.run("update hermitage set value = 11 where id = 1");
		CompletableFuture<Void> t2Update = t2.startAsync("update hermitage set value = 12 where id = 1");
		t2.awaitBlocked(observer); // T2 waits for T1's row lock
		t1.run("update hermitage set value = 21 where id = 2");
		t1.commit(); // releases the lock: T2 goes on (read committed) or aborts
		Session.finish(t2Update);
		t2.run("update hermitage set value = 22 where id = 2");
		t2.commit();
		// A write cycle would leave the rows half T1's, half T2's (1 => 12, 2 => 21).
		return !(value(observer, 1) == 12 && value(observer, 2) == 22);
	}

	private boolean abortedRead(Session t1, Session t2) throws SQLException {
		t1.run("update hermitage set value = 101 where id = 1");
		int whileOpen = value(t2, 1);
		t1.rollback();
		int afterAbort = value(t2, 1);
		t2.commit();
		// T2 must never see 101, a value that was never committed.
		return whileOpen == 101 || afterAbort == 101;
	}

	private boolean intermediateRead(Session t1, Session t2) throws SQLException {
		t1.run("update hermitage set value = 101 where id = 1");
		int whileOpen = value(t2, 1);
		t1.run("update hermitage set value = 11 where id = 1");
		t1.commit();
		int afterCommit = value(t2, 1);
		t2.commit();
		// 101 was T1's intermediate value, overwritten before its commit.
		return whileOpen == 101 || afterCommit == 101;
	}

	private boolean circularInformationFlow(Session t1, Session t2) throws SQLException {
		t1.run("update hermitage set value = 11 where id = 1");
		t2.run("update hermitage set value = 22 where id = 2");
		int t1Sees = value(t1, 2);
		int t2Sees = value(t2, 1);
		t1.commit();
		t2.commit();
		// Each seeing the other's uncommitted write would make each depend on the other.
		return t1Sees == 22 || t2Sees == 11;
	}

	private boolean observedTransactionVanishes(Session t1, Session t2, Session t3, Session observer)
			throws SQLException {
		t1.run("update hermitage set value = 11 where id = 1");
		t1.run("update hermitage set value = 19 where id = 2");
		CompletableFuture<Void> t2Update = t2.startAsync("update hermitage set value = 12 where id = 1");
		t2.awaitBlocked(observer); // T2 waits for T1's row lock
		t1.commit(); // T2 goes on (read committed) or aborts: T1 changed the row it wants
		Session.finish(t2Update);
		value(t3, 1);
		t2.run("update hermitage set value = 18 where id = 2");
		value(t3, 2);
		t2.commit();
		int t3SeesRowTwo = value(t3, 2);
		int t3SeesRowOne = value(t3, 1);
		t3.commit();
		// T3 saw T2's write (2 => 18), then T2 vanished from its view (1 => T1's 11).
		return t3SeesRowTwo == 18 && t3SeesRowOne == 11;
	}

	private boolean predicateManyPreceders(Session t1, Session t2) throws SQLException {
		t1.queryInt("select count(*) from hermitage where value = 30"); // none
		t2.run("insert into hermitage (id, value) values (3, 30)");
		t2.commit();
		int matching = t1.queryInt("select count(*) from hermitage where value % 3 = 0");
		t1.commit();
		// The same transaction's two predicate reads disagree: T2's row appeared.
		return matching > 0;
	}

	private boolean predicateManyPrecedersOnAWritePredicate(Session t1, Session t2, Session observer)
			throws SQLException {
		t1.run("update hermitage set value = value + 10"); // 1 => 20, 2 => 30
		// T2 reads row 2 (value 20) and, on InnoDB, takes its snapshot.
		t2.queryInt("select count(*) from hermitage where value = 20");
		CompletableFuture<Void> t2Delete = t2.startAsync("delete from hermitage where value = 20");
		t2.awaitBlocked(observer); // T2 waits for T1's row locks
		// T2 goes on with T1's rows, or aborts: they changed since its snapshot.
		t1.commit();
		Session.finish(t2Delete);
		int stillTwenty = t2.queryInt("select count(*) from hermitage where value = 20");
		t2.commit();
		// T2 deleted every row with value 20, yet still reads one: its delete and its
		// reads saw different states (PostgreSQL's read committed: T1's new row 1 was not
		// in the delete's snapshot; InnoDB's repeatable read: row 2 is 20 in the
		// snapshot, 30 for the delete).
		return stillTwenty > 0;
	}

	private boolean lostUpdate(Session t1, Session t2, Session observer) throws SQLException {
		int t1Read = value(t1, 1);
		int t2Read = value(t2, 1);
		t1.run("update hermitage set value = ? where id = 1", t1Read + 1);
		CompletableFuture<Void> t2Update = t2.startAsync("update hermitage set value = ? where id = 1", t2Read + 1);
		t2.awaitBlocked(observer); // T2 waits for T1's row lock
		t1.commit(); // T2 overwrites T1's write (read committed) or aborts
		Session.finish(t2Update);
		t2.commit();
		// Two increments committed, the value rose by one: T1's update is lost.
		return value(observer, 1) == 11;
	}

	private boolean readSkew(Session t1, Session t2) throws SQLException {
		int rowOne = value(t1, 1);
		value(t2, 1);
		value(t2, 2);
		t2.run("update hermitage set value = 12 where id = 1");
		t2.run("update hermitage set value = 18 where id = 2");
		t2.commit();
		int rowTwo = value(t1, 2);
		t1.commit();
		// T2 kept the sum at 30; T1 saw one row before T2 and one after: 10 + 18.
		return rowOne + rowTwo != 30;
	}

	private boolean readSkewOnAWritePredicate(Session t1, Session t2) throws SQLException {
		int rowOne = value(t1, 1); // 10
		value(t2, 1);
		value(t2, 2);
		t2.run("update hermitage set value = 12 where id = 1");
		t2.run("update hermitage set value = 18 where id = 2");
		t2.commit();
		// T1 acts on what it read, or aborts: T2 changed those rows since its snapshot.
		t1.run("delete from hermitage where value = 20");
		int rowTwo = value(t1, 2);
		t1.commit();
		// Either T1 read 10 and 18, a state that never existed (read skew as above),
		// or it still reads 2 => 20 after deleting every row with value 20: its delete
		// saw T2's commit, its reads did not.
		return rowOne + rowTwo != 30 || rowTwo == 20;
	}

	private boolean writeSkew(Session t1, Session t2, Session observer) throws SQLException {
		t1.queryInt("select sum(value) from hermitage where id in (1, 2)");
		t2.queryInt("select sum(value) from hermitage where id in (1, 2)");
		t1.run("update hermitage set value = 11 where id = 1");
		t2.run("update hermitage set value = 21 where id = 2");
		t1.commit();
		t2.commit();
		// Both committed, each having decided on a sum the other one changed.
		return value(observer, 1) == 11 && value(observer, 2) == 21;
	}

	private boolean antiDependencyCycle(Session t1, Session t2, Session observer) throws SQLException {
		t1.queryInt("select count(*) from hermitage where value % 3 = 0");
		t2.queryInt("select count(*) from hermitage where value % 3 = 0");
		t1.run("insert into hermitage (id, value) values (3, 30)");
		t2.run("insert into hermitage (id, value) values (4, 42)");
		t1.commit();
		t2.commit();
		// Both committed, each having checked a predicate the other one changed.
		return observer.queryInt("select count(*) from hermitage where value % 3 = 0") == 2;
	}

	private static int value(Session session, int id) throws SQLException {
		return session.queryInt("select value from hermitage where id = ?", id);
	}

	private void reset() throws SQLException {
		Session.execute(this.database, this.database.hermitageTable());
	}

	/** Hermitage's anomalies, in its order. */
	enum Anomaly {

		G0("G0", "write cycles"), G1A("G1a", "aborted reads"), G1B("G1b", "intermediate reads"),
		G1C("G1c", "circular information flow"), OTV("OTV", "observed transaction vanishes"),
		PMP("PMP", "predicate-many-preceders"), PMP_WRITE("PMP-write", "phantom, on a write predicate"),
		P4("P4", "lost update"), G_SINGLE("G-single", "read skew"),
		G_SINGLE_WRITE("G-single-write", "read skew, on a write predicate"), G2_ITEM("G2-item", "write skew"),
		G2("G2", "anti-dependency cycles");

		private final String code;

		private final String description;

		Anomaly(String code, String description) {
			this.code = code;
			this.description = description;
		}

		String code() {
			return this.code;
		}

		String description() {
			return this.description;
		}

	}

	/** What the database did with the interleaving. */
	enum Outcome {

		/** Both transactions committed and the anomaly is visible. */
		ANOMALY("ANOMALY"),

		/** It could not happen; nobody waited. */
		PREVENTED("prevented"),

		/**
		 * A transaction waited for another's lock, as the script expects, then went on
		 * correctly.
		 */
		WAITS("prevented (waits)"),

		/** A transaction was rolled back with SQLSTATE 40001 and must be retried. */
		ABORTS("aborts (40001)"),

		/**
		 * MariaDB with {@code innodb_snapshot_isolation} on refused to act on a row
		 * changed since the snapshot (error 1020, SQLSTATE HY000); the transaction must
		 * be retried.
		 */
		ABORTS_RECORD_CHANGED("aborts (1020)"),

		/**
		 * A statement the script does not expect to wait waited for a lock, so the case
		 * ended there and the anomaly was never checked: not a verdict, never expected.
		 */
		CUT_SHORT("cut short (unexpected lock wait)");

		private final String label;

		Outcome(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

}
