package dev.backendbyexample.transactions;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Two transfers between the same two accounts in opposite directions, A to B and B to A,
 * each locking both rows. Without a lock order they deadlock and PostgreSQL rolls one
 * back (SQLSTATE 40P01); with the rule {@link PessimisticTransfers} follows (lowest id
 * first) the second simply waits.
 * <p>
 * The {@code postgresqlDemo…} tests are a demonstration of PostgreSQL, not a test of this
 * module: they script the locking SQL on raw connections (only the victim's retry goes
 * through {@link TransferService}), so they pass whatever the strategies do.
 * {@link #pessimisticTransfersBackAndForthUnderLoadNeverDeadlock} is the one that runs
 * {@link PessimisticTransfers} itself.
 */
@TransactionsIntegrationTest
class DeadlockIntegrationTests {

	private static final String LOCK = "select balance from account where id = ? for update";

	private static final String MOVE = "update account set balance = balance + ? where id = ?";

	@Autowired
	AccountService accounts;

	@Autowired
	TransferService transfers;

	@Autowired
	JdbcConnectionDetails database;

	@Test
	void postgresqlDemoLocksTakenInOppositeOrderDeadlockThenTheVictimIsRetriedThroughTheServiceAndSucceeds()
			throws Exception {
		long a = this.accounts.open("a", 100).id();
		long b = this.accounts.open("b", 100).id();
		SQLException victim;
		try (Session t1 = Session.open(this.database, Isolation.READ_COMMITTED, "T1");
				Session t2 = Session.open(this.database, Isolation.READ_COMMITTED, "T2");
				Session observer = Session.open(this.database, Isolation.READ_COMMITTED, "observer")) {
			t1.run(LOCK, a); // T1 (A to B, 10) locks A, its "from"
			t2.run(LOCK, b); // T2 (B to A, 20) locks B, its "from"
			CompletableFuture<Void> t1LocksB = t1.startAsync(LOCK, b);
			t1.awaitBlocked(observer); // T1 waits for T2
			// T2 waits for T1: a cycle.
			CompletableFuture<Void> t2LocksA = t2.startAsync(LOCK, a);
			// PostgreSQL's deadlock detector (after deadlock_timeout, 1s by default)
			// breaks the cycle by aborting one of them; the other gets its lock.
			Throwable t1Failure = catchThrowable(() -> Session.finish(t1LocksB));
			Throwable t2Failure = catchThrowable(() -> Session.finish(t2LocksA));
			assertThat(new Throwable[] { t1Failure, t2Failure }).as("exactly one victim")
				.filteredOn((failure) -> failure != null)
				.singleElement()
				.isInstanceOf(SQLException.class)
				.extracting((failure) -> ((SQLException) failure).getSQLState())
				.isEqualTo(RetryingTransactions.DEADLOCK_DETECTED);
			victim = (SQLException) ((t1Failure != null) ? t1Failure : t2Failure);
			Session survivor = (t1Failure != null) ? t2 : t1;
			boolean t1Survived = survivor == t1;
			survivor.run(MOVE, t1Survived ? -10 : -20, t1Survived ? a : b);
			survivor.run(MOVE, t1Survived ? 10 : 20, t1Survived ? b : a);
			survivor.commit();
			// The victim's transaction is dead; the client retries the whole transfer.
			(t1Survived ? t2 : t1).rollback();
			TransferCommand retried = t1Survived ? new TransferCommand(b, a, 20) : new TransferCommand(a, b, 10);
			this.transfers.transfer(retried, Strategy.PESSIMISTIC);
		}

		assertThat(victim.getMessage()).contains("deadlock detected");
		assertThat(this.accounts.account(a).balance()).isEqualTo(110);
		assertThat(this.accounts.account(b).balance()).isEqualTo(90);
	}

	@Test
	void postgresqlDemoLocksTakenLowestIdFirstNeverDeadlockTheSecondTransferWaits() throws Exception {
		long a = this.accounts.open("a", 100).id();
		long b = this.accounts.open("b", 100).id();
		try (Session t1 = Session.open(this.database, Isolation.READ_COMMITTED, "T1");
				Session t2 = Session.open(this.database, Isolation.READ_COMMITTED, "T2");
				Session observer = Session.open(this.database, Isolation.READ_COMMITTED, "observer")) {
			t1.run(LOCK, a); // T1 (A to B) locks A first: lowest id
			// T2 (B to A) also locks A first.
			CompletableFuture<Void> t2LocksA = t2.startAsync(LOCK, a);
			t2.awaitBlocked(observer); // T2 waits, holding nothing T1 needs: no cycle
			t1.run(LOCK, b);
			t1.run(MOVE, -10, a);
			t1.run(MOVE, 10, b);
			t1.commit(); // T2 gets A
			Session.finish(t2LocksA);
			t2.run(LOCK, b);
			t2.run(MOVE, -20, b);
			t2.run(MOVE, 20, a);
			t2.commit();
		}

		assertThat(this.accounts.account(a).balance()).isEqualTo(110);
		assertThat(this.accounts.account(b).balance()).isEqualTo(90);
	}

	@Test
	void pessimisticTransfersBackAndForthUnderLoadNeverDeadlock() throws Exception {
		long a = this.accounts.open("a", 1_000_000).id();
		long b = this.accounts.open("b", 1_000_000).id();

		// 16 threads, 2,000 transfers, all between the same two rows in both directions.
		TransferLoad.Tally tally = TransferLoad.run(16, 2_000, List.of(a, b), 100,
				(command) -> Verdicts.throughService(this.transfers, Strategy.PESSIMISTIC, command));

		assertThat(tally.failures()).as("no 40P01, nor anything else").isEmpty();
		assertThat(tally.acceptedIds()).hasSize(2_000);
		assertThat(this.accounts.account(a).balance() + this.accounts.account(b).balance()).isEqualTo(2_000_000);
	}

}
