package dev.backendbyexample.transactions;

import com.jayway.jsonpath.JsonPath;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@code Idempotency-Key} promises a client beyond a plain retry: after a 500,
 * whose outcome the server cannot know, a retry with the same key settles it; and keys
 * are scoped per paying account, so two clients that pick the same key never collide.
 * Over real HTTP, every response checked against the application's own OpenAPI document
 * ({@link OpenApiValidation}).
 */
@TransactionsIntegrationTest
class IdempotencyKeyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void unexpectedFailureThen500SayingTheOutcomeIsUnknownAndARetryWithTheSameKeyMovesMoneyOnce() {
		long alice = open("alice", 1_000_000_000);
		long bob = open("bob", 0);
		// A constraint the application knows nothing about makes PostgreSQL refuse this
		// one amount at the ledger insert: a failure no handler expects, inside the
		// transfer's transaction. It is dropped again before the retry.
		String constraint = "refuse_amount_of_" + alice;
		this.jdbc.sql("alter table transfer add constraint " + constraint + " check (amount <> 987654321)").update();
		ResponseEntity<String> failed;
		try {
			failed = transfer(alice, bob, 987_654_321, "rent-2026-12");
		}
		finally {
			this.jdbc.sql("alter table transfer drop constraint " + constraint).update();
		}

		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(failed.getHeaders().getContentType()).hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat((String) JsonPath.read(failed.getBody(), "$.title")).isEqualTo("Internal error, outcome unknown");
		assertThat((String) JsonPath.read(failed.getBody(), "$.detail")).contains("outcome is unknown")
			.contains("Retry it with the same Idempotency-Key")
			.doesNotContain("nothing was changed");
		assertThat(failed.getBody()).doesNotContain("Exception").doesNotContain("trace").doesNotContain(constraint);

		ResponseEntity<String> retried = transfer(alice, bob, 987_654_321, "rent-2026-12");
		ResponseEntity<String> retriedAgain = transfer(alice, bob, 987_654_321, "rent-2026-12");

		assertCreated(retried, "false");
		assertCreated(retriedAgain, "true");
		assertThat(id(retriedAgain)).isEqualTo(id(retried));
		assertThat(balance(alice)).isEqualTo(1_000_000_000 - 987_654_321);
		assertThat(balance(bob)).isEqualTo(987_654_321);
	}

	@Test
	void sameIdempotencyKeyFromTwoPayersMovesMoneyForEachAndEachRetryReplaysItsOwnTransfer() {
		long alice = open("alice", 100);
		long carol = open("carol", 100);
		long bob = open("bob", 0);

		ResponseEntity<String> fromAlice = transfer(alice, bob, 30, "rent-2026-11");
		ResponseEntity<String> fromCarol = transfer(carol, bob, 30, "rent-2026-11");
		ResponseEntity<String> carolRetries = transfer(carol, bob, 30, "rent-2026-11");

		assertCreated(fromAlice, "false");
		assertCreated(fromCarol, "false");
		assertThat(id(fromCarol)).isNotEqualTo(id(fromAlice));
		assertCreated(carolRetries, "true");
		assertThat(id(carolRetries)).isEqualTo(id(fromCarol));
		assertThat(balance(alice)).isEqualTo(70);
		assertThat(balance(carol)).isEqualTo(70);
		assertThat(balance(bob)).isEqualTo(60);
	}

	private long open(String owner, long balance) {
		return id(this.api.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}")
			.retrieve()
			.toEntity(String.class));
	}

	private long balance(long account) {
		String body = this.api.get().uri("/accounts/{id}", account).retrieve().body(String.class);
		return ((Number) JsonPath.read(body, "$.balance")).longValue();
	}

	// atomic-update: the one strategy no exercise of ./bbe starter cuts out, so these
	// tests fail only when the idempotent replay is missing.
	private ResponseEntity<String> transfer(long from, long to, long amount, String idempotencyKey) {
		return this.api.post()
			.uri("/transfers?strategy=atomic-update")
			.contentType(MediaType.APPLICATION_JSON)
			.header(TransferController.IDEMPOTENCY_KEY, idempotencyKey)
			.body("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}")
			.retrieve()
			.toEntity(String.class);
	}

	private static void assertCreated(ResponseEntity<String> result, String replayed) {
		assertThat(result.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(result.getHeaders().getFirst(TransferController.REPLAYED)).isEqualTo(replayed);
	}

	private static long id(ResponseEntity<String> result) {
		return ((Number) JsonPath.read(result.getBody(), "$.id")).longValue();
	}

}
