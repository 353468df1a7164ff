package dev.backendbyexample.transactions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a retry budget of one attempt, an optimistic transfer that loses the race is
 * answered 409 with a Problem Detail, and changes nothing.
 */
@TransactionsIntegrationTest
@TestPropertySource(properties = "transactions.retry.max-attempts=1")
@DirtiesContext
class RetriesExhaustedIntegrationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcConnectionDetails database;

	@Test
	void optimisticTransferThatKeepsConflictingThen409AndNothingChanges() throws Exception {
		long alice = this.accounts.open("alice", 100).id();
		long carol = this.accounts.open("carol", 0).id();
		long dave = this.accounts.open("dave", 0).id();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<MvcTestResult> results;
		try (RowGate gate = RowGate.close(this.database, alice)) {
			// Both read Alice at version 0, then park at their versioned UPDATE.
			CompletableFuture<MvcTestResult> t1 = CompletableFuture.supplyAsync(() -> transfer(alice, carol, 30),
					threads);
			CompletableFuture<MvcTestResult> t2 = CompletableFuture.supplyAsync(() -> transfer(alice, dave, 50),
					threads);
			gate.awaitWaiting(2);
			// The first to go on writes version 1; the second finds version 0 gone.
			gate.open();
			results = List.of(t1.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS),
					t2.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS));
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(results).extracting((result) -> result.getResponse().getStatus())
			.containsExactlyInAnyOrder(201, 409);
		MvcTestResult conflicted = results.stream()
			.filter((result) -> result.getResponse().getStatus() == 409)
			.findFirst()
			.orElseThrow();
		assertThat(conflicted).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Concurrent transfers kept conflicting");
		long carolBalance = this.accounts.account(carol).balance();
		long daveBalance = this.accounts.account(dave).balance();
		assertThat(carolBalance + daveBalance).isIn(30L, 50L);
		assertThat(this.accounts.account(alice).balance() + carolBalance + daveBalance).isEqualTo(100);
	}

	private MvcTestResult transfer(long from, long to, long amount) {
		return this.mvc.post()
			.uri("/transfers")
			.param("strategy", "optimistic")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}")
			.exchange();
	}

}
