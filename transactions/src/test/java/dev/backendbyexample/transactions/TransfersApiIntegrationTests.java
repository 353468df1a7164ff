package dev.backendbyexample.transactions;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import dev.backendbyexample.testsupport.openapi.OpenApiValidation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API: status codes, RFC 9457 bodies, and the {@code Idempotency-Key} contract,
 * over real HTTP; every response is checked against the application's own OpenAPI
 * document ({@link OpenApiValidation}).
 */
@TransactionsIntegrationTest
class TransfersApiIntegrationTests {

	@LocalServerPort
	int port;

	RestClient api;

	@BeforeEach
	void client() {
		this.api = OpenApiValidation.restClient("http://localhost:" + this.port).build();
	}

	@Test
	void openAccountThen201WithLocationAndTheAccount() {
		ResponseEntity<String> opened = post("/accounts", "{\"owner\":\"alice\",\"balance\":100}");

		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(opened.getHeaders().getLocation()).hasToString("/accounts/" + id(opened));
		assertThat(json(opened, "$.balance")).isEqualTo(100);
		ResponseEntity<String> read = get("/accounts/{id}", id(opened));
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(read, "$.owner")).isEqualTo("alice");
	}

	@Test
	void unknownAccountThen404ProblemDetailWithoutStackTrace() {
		ResponseEntity<String> result = get("/accounts/{id}", 987654321);

		assertProblem(result, HttpStatus.NOT_FOUND);
		assertThat(json(result, "$.title")).isEqualTo("Account not found");
		assertThat(result.getBody()).doesNotContain("Exception").doesNotContain("trace");
	}

	@Test
	void transferThen201AndBothBalancesAndTheLedgerShowIt() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		ResponseEntity<String> result = transfer(alice, bob, 30, "atomic-update");

		assertThat(result.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(result.getHeaders().getFirst(TransferController.REPLAYED)).isEqualTo("false");
		assertThat(result.getHeaders().getLocation()).hasToString("/transfers/" + id(result));
		assertThat(json(result, "$.strategy")).isEqualTo("atomic-update");
		assertThat(json(get("/transfers/{id}", id(result)), "$.amount")).isEqualTo(30);
		assertProblem(get("/transfers/{id}", 987654321), HttpStatus.NOT_FOUND);
		assertThat(balance(alice)).isEqualTo(70);
		assertThat(balance(bob)).isEqualTo(30);
		assertThat(json(get("/accounts/{id}/transfers", bob), "$[0].amount")).isEqualTo(30);
		assertThat((List<?>) json(get("/transfers?limit=1"), "$")).hasSize(1);
	}

	@Test
	void transferWhenBalanceTooLowThen422ProblemAndNothingChanges() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		ResponseEntity<String> result = transfer(alice, bob, 101, null);

		assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(json(result, "$.title")).isEqualTo("Insufficient funds");
		assertThat(balance(alice)).isEqualTo(100);
		assertThat(balance(bob)).isZero();
	}

	@Test
	void transferToUnknownAccountThen404AndTheDebitIsRolledBack() {
		long alice = open("alice", 100);

		// atomic-update debits the lower id (Alice) first, then fails on the credit.
		ResponseEntity<String> result = transfer(alice, alice + 1_000_000, 30, "atomic-update");

		assertProblem(result, HttpStatus.NOT_FOUND);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void transferWithNegativeAmountThen400Problem() {
		ResponseEntity<String> result = post("/transfers", "{\"from\":1,\"to\":2,\"amount\":-5}");

		assertProblem(result, HttpStatus.BAD_REQUEST);
	}

	@Test
	void transferWithFractionalAmountThen400ProblemInsteadOfRoundingTheCentsAway() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		ResponseEntity<String> result = post("/transfers",
				"{\"from\":" + alice + ",\"to\":" + bob + ",\"amount\":30.99}");

		assertProblem(result, HttpStatus.BAD_REQUEST);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void transferWithAmountAboveTheLimitThen400ProblemForEveryStrategy() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		for (String strategy : List.of("naive", "pessimistic", "optimistic", "atomic-update", "serializable")) {
			assertProblem(transfer(bob, alice, Long.MAX_VALUE, strategy), HttpStatus.BAD_REQUEST);
		}
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void openAccountWithBalanceAboveTheLimitThen400Problem() {
		assertProblem(post("/accounts", "{\"owner\":\"croesus\",\"balance\":" + Long.MAX_VALUE + "}"),
				HttpStatus.BAD_REQUEST);
	}

	@Test
	void transferWithoutBodyFieldsThen400Problem() {
		assertProblem(post("/transfers", "{\"from\":1}"), HttpStatus.BAD_REQUEST);
		assertProblem(post("/transfers", "not json"), HttpStatus.BAD_REQUEST);
	}

	@Test
	void transferToTheSameAccountThen400Problem() {
		long alice = open("alice", 100);

		assertThat(json(assertProblem(transfer(alice, alice, 10, null), HttpStatus.BAD_REQUEST), "$.title"))
			.isEqualTo("Same account");
	}

	@Test
	void transferWithUnknownStrategyThen400Problem() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		assertProblem(transfer(alice, bob, 10, "yolo"), HttpStatus.BAD_REQUEST);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void retriedRequestWithSameIdempotencyKeyReturnsTheFirstResultAndMovesMoneyOnce() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		ResponseEntity<String> first = transfer(alice, bob, 30, null, "pay-rent-2026-11");
		ResponseEntity<String> retried = transfer(alice, bob, 30, null, "pay-rent-2026-11");

		assertCreated(first, "false");
		assertCreated(retried, "true");
		assertThat(id(retried)).isEqualTo(id(first));
		assertThat(balance(alice)).isEqualTo(70);
		assertThat(balance(bob)).isEqualTo(30);
	}

	@Test
	void sameIdempotencyKeyWithDifferentBodyThen422AndNothingMoves() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);
		transfer(alice, bob, 30, null, "key-1");

		ResponseEntity<String> reused = transfer(alice, bob, 40, null, "key-1");

		assertProblem(reused, HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(json(reused, "$.title")).isEqualTo("Idempotency-Key reused");
		assertThat(balance(alice)).isEqualTo(70);
	}

	@Test
	void idempotencyKeyOfARefusedTransferIsNotConsumedTheRetryIsEvaluatedAgain() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		// A refusal moved nothing, so nothing is stored under the key: a retry with the
		// same body is refused again (not replayed), and a corrected body may use the
		// key.
		assertThat(transfer(alice, bob, 101, null, "key-2").getStatusCode())
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(json(assertProblem(transfer(alice, bob, 101, null, "key-2"), HttpStatus.UNPROCESSABLE_CONTENT),
				"$.title"))
			.isEqualTo("Insufficient funds");
		assertCreated(transfer(alice, bob, 60, null, "key-2"), "false");

		assertThat(balance(alice)).isEqualTo(40);
		assertThat(balance(bob)).isEqualTo(60);
	}

	@ParameterizedTest
	@ValueSource(strings = { "pessimistic", "optimistic", "atomic-update", "serializable" })
	void sixteenConcurrentRetriesWithTheSameIdempotencyKeyMoveMoneyOnce(String strategy) throws Exception {
		// 60 of 100: once the first one moved the money, a retry that does not find the
		// key in time sees 40 and would be refused; it must answer the first result.
		long alice = open("alice", 100);
		long bob = open("bob", 0);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<ResponseEntity<String>>> results = IntStream.range(0, 16).mapToObj((i) -> threads.submit(() -> {
				start.await();
				return transfer(alice, bob, 60, strategy, "double-click-" + strategy);
			})).toList();
			start.countDown();
			for (Future<ResponseEntity<String>> result : results) {
				ResponseEntity<String> response = result.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
				assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			}
			assertThat(results.stream().map(this::idOf).distinct()).hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(balance(alice)).isEqualTo(40);
		assertThat(balance(bob)).isEqualTo(60);
	}

	private long idOf(Future<ResponseEntity<String>> result) {
		try {
			return id(result.get());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long open(String owner, long balance) {
		return id(post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}"));
	}

	private long balance(long account) {
		return ((Number) json(get("/accounts/{id}", account), "$.balance")).longValue();
	}

	private ResponseEntity<String> transfer(long from, long to, long amount, String strategy,
			String... idempotencyKey) {
		return this.api.post()
			.uri((uri) -> uri.path("/transfers").queryParamIfPresent("strategy", Optional.ofNullable(strategy)).build())
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (idempotencyKey.length > 0) {
					headers.set(TransferController.IDEMPOTENCY_KEY, idempotencyKey[0]);
				}
			})
			.body("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}")
			.retrieve()
			.toEntity(String.class);
	}

	private ResponseEntity<String> post(String path, String json) {
		return this.api.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.retrieve()
			.toEntity(String.class);
	}

	private ResponseEntity<String> get(String path, Object... variables) {
		return this.api.get().uri(path, variables).retrieve().toEntity(String.class);
	}

	private static ResponseEntity<String> assertProblem(ResponseEntity<String> response, HttpStatus status) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return response;
	}

	private static void assertCreated(ResponseEntity<String> response, String replayed) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getHeaders().getFirst(TransferController.REPLAYED)).isEqualTo(replayed);
	}

	private static Object json(ResponseEntity<String> response, String path) {
		return JsonPath.read(response.getBody(), path);
	}

	private static long id(ResponseEntity<String> response) {
		return ((Number) json(response, "$.id")).longValue();
	}

}
