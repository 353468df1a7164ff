package dev.backendbyexample.transactions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lost update, forced deterministically: two transfers out of Alice's account (100)
 * are held at the same point, both having read the balance, by a "gate" connection that
 * holds Alice's row lock; the gate opens and both write.
 * <p>
 * <pre>
 * gate: UPDATE alice (no change)                      -- holds Alice's row lock
 * T1:   read alice = 100, compute 70, UPDATE alice    -- waits for the gate
 * T2:   read alice = 100, compute 50, UPDATE alice    -- waits for the gate
 * gate: COMMIT                                        -- T1 writes 70, then T2 writes 50
 * </pre>
 */
@SpringBootTest(classes = { TransactionsApplication.class, TransactionsServices.class },
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LostUpdateIntegrationTests {

	@Autowired
	TransferService transfers;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcConnectionDetails database;

	@Test
	void naiveTransfersThatReadTheSameBalanceLoseOneDebit() throws Exception {
		Balances after = interleave(Strategy.NAIVE);

		// Both transfers committed and both credits landed, but the second write of
		// Alice's balance erased the first debit: money was created.
		assertThat(after.carol()).isEqualTo(30);
		assertThat(after.dave()).isEqualTo(50);
		assertThat(after.alice()).isIn(70L, 50L);
		assertThat(after.total()).isGreaterThan(100);
	}

	@ParameterizedTest
	@EnumSource(names = { "PESSIMISTIC", "OPTIMISTIC", "ATOMIC_UPDATE", "SERIALIZABLE" })
	void sameInterleavingWithSafeStrategyLosesNothing(Strategy strategy) throws Exception {
		Balances after = interleave(strategy);

		// Pessimistic and atomic-update never read a stale balance (they wait for the
		// lock before reading); optimistic finds the version moved and retries;
		// serializable is aborted with 40001 and retries.
		assertThat(after).isEqualTo(new Balances(20, 30, 50));
	}

	private Balances interleave(Strategy strategy) throws Exception {
		long alice = this.accounts.open("alice", 100).id();
		long carol = this.accounts.open("carol", 0).id();
		long dave = this.accounts.open("dave", 0).id();
		// Two threads of our own: the common pool may have only one on a small machine.
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try (Session gate = Session.open(this.database, Isolation.READ_COMMITTED, "gate");
				Session observer = Session.open(this.database, Isolation.READ_COMMITTED, "observer")) {
			gate.run("update account set balance = balance where id = ?", alice);
			CompletableFuture<TransferResult> t1 = CompletableFuture
				.supplyAsync(() -> this.transfers.transfer(new TransferCommand(alice, carol, 30), strategy), threads);
			CompletableFuture<TransferResult> t2 = CompletableFuture
				.supplyAsync(() -> this.transfers.transfer(new TransferCommand(alice, dave, 50), strategy), threads);
			// Both transfers are now parked on Alice's row, behind the gate.
			Awaitility.await("both transfers waiting for the gate")
				.atMost(Session.PATIENCE)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> waitingForLocks(observer) == 2);
			gate.commit();
			t1.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
			t2.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		return new Balances(balance(alice), balance(carol), balance(dave));
	}

	/**
	 * Sessions of this database blocked on a lock. Not "blocked by the gate": the second
	 * waiter on a row queues behind the first, so PostgreSQL names the first as its
	 * blocker.
	 */
	private static int waitingForLocks(Session observer) throws Exception {
		int waiting = observer.queryInt("select count(*) from pg_stat_activity "
				+ "where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0");
		observer.commit();
		return waiting;
	}

	private long balance(long id) {
		return this.accounts.account(id).balance();
	}

	record Balances(long alice, long carol, long dave) {

		long total() {
			return this.alice + this.carol + this.dave;
		}

	}

}
