package dev.backendbyexample.transactions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a retry budget of one attempt, an optimistic transfer that loses the race is
 * answered 409 with a Problem Detail, and changes nothing.
 */
@TransactionsIntegrationTest
@TestPropertySource(properties = "transactions.retry.max-attempts=1")
@DirtiesContext
class RetriesExhaustedIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcConnectionDetails database;

	@Test
	void optimisticTransferThatKeepsConflictingThen409AndNothingChanges() throws Exception {
		long alice = this.accounts.open("alice", 100).id();
		long carol = this.accounts.open("carol", 0).id();
		long dave = this.accounts.open("dave", 0).id();
		RestClient api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<ResponseEntity<String>> results;
		try (RowGate gate = RowGate.close(this.database, alice)) {
			// Both read Alice at version 0, then park at their versioned UPDATE.
			CompletableFuture<ResponseEntity<String>> t1 = CompletableFuture
				.supplyAsync(() -> transfer(api, alice, carol, 30), threads);
			CompletableFuture<ResponseEntity<String>> t2 = CompletableFuture
				.supplyAsync(() -> transfer(api, alice, dave, 50), threads);
			gate.awaitWaiting(2);
			// The first to go on writes version 1; the second finds version 0 gone.
			gate.open();
			results = List.of(t1.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS),
					t2.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS));
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(results).extracting((result) -> result.getStatusCode().value()).containsExactlyInAnyOrder(201, 409);
		ResponseEntity<String> conflicted = results.stream()
			.filter((result) -> result.getStatusCode().value() == 409)
			.findFirst()
			.orElseThrow();
		assertThat(conflicted.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(conflicted.getBody()).contains("\"title\":\"Concurrent transfers kept conflicting\"");
		long carolBalance = this.accounts.account(carol).balance();
		long daveBalance = this.accounts.account(dave).balance();
		assertThat(carolBalance + daveBalance).isIn(30L, 50L);
		assertThat(this.accounts.account(alice).balance() + carolBalance + daveBalance).isEqualTo(100);
	}

	private static ResponseEntity<String> transfer(RestClient api, long from, long to, long amount) {
		return api.post()
			.uri("/transfers?strategy=optimistic")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}")
			.retrieve()
			.toEntity(String.class);
	}

}
