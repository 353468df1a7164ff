package dev.backendbyexample.transactions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

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
@TransactionsIntegrationTest
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
		try (RowGate gate = RowGate.close(this.database, alice)) {
			CompletableFuture<TransferResult> t1 = CompletableFuture
				.supplyAsync(() -> this.transfers.transfer(new TransferCommand(alice, carol, 30), strategy), threads);
			CompletableFuture<TransferResult> t2 = CompletableFuture
				.supplyAsync(() -> this.transfers.transfer(new TransferCommand(alice, dave, 50), strategy), threads);
			// Both transfers are now parked on Alice's row, behind the gate.
			gate.awaitWaiting(2);
			gate.open();
			t1.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
			t2.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		return new Balances(balance(alice), balance(carol), balance(dave));
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
