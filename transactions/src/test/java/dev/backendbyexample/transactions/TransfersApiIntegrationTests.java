package dev.backendbyexample.transactions;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API: status codes, RFC 9457 bodies, and the {@code Idempotency-Key} contract.
 */
@TransactionsIntegrationTest
class TransfersApiIntegrationTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void openAccountThen201WithLocationAndTheAccount() {
		MvcTestResult opened = this.mvc.post()
			.uri("/accounts")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"owner\":\"alice\",\"balance\":100}")
			.exchange();

		assertThat(opened).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/accounts/" + id(opened));
		assertThat(opened).bodyJson().extractingPath("$.balance").asNumber().isEqualTo(100);
		assertThat(this.mvc.get().uri("/accounts/{id}", id(opened))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.owner")
			.isEqualTo("alice");
	}

	@Test
	void unknownAccountThen404ProblemDetailWithoutStackTrace() {
		MvcTestResult result = this.mvc.get().uri("/accounts/{id}", 987654321).exchange();

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Account not found");
		assertThat(result).bodyText().doesNotContain("Exception").doesNotContain("trace");
	}

	@Test
	void transferThen201AndBothBalancesAndTheLedgerShowIt() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		MvcTestResult result = transfer(alice, bob, 30, "atomic-update");

		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasHeader(TransferController.REPLAYED, "false")
			.hasHeader("Location", "/transfers/" + id(result));
		assertThat(result).bodyJson().extractingPath("$.strategy").isEqualTo("atomic-update");
		assertThat(this.mvc.get().uri("/transfers/{id}", id(result))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.amount")
			.asNumber()
			.isEqualTo(30);
		assertThat(this.mvc.get().uri("/transfers/{id}", 987654321)).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(balance(alice)).isEqualTo(70);
		assertThat(balance(bob)).isEqualTo(30);
		assertThat(this.mvc.get().uri("/accounts/{id}/transfers", bob)).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0].amount")
			.asNumber()
			.isEqualTo(30);
	}

	@Test
	void transferWhenBalanceTooLowThen422ProblemAndNothingChanges() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		MvcTestResult result = transfer(alice, bob, 101, null);

		assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Insufficient funds");
		assertThat(balance(alice)).isEqualTo(100);
		assertThat(balance(bob)).isZero();
	}

	@Test
	void transferToUnknownAccountThen404AndTheDebitIsRolledBack() {
		long alice = open("alice", 100);

		// atomic-update debits the lower id (Alice) first, then fails on the credit.
		MvcTestResult result = transfer(alice, alice + 1_000_000, 30, "atomic-update");

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void transferWithNegativeAmountThen400Problem() {
		MvcTestResult result = post("/transfers", "{\"from\":1,\"to\":2,\"amount\":-5}");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void transferWithFractionalAmountThen400ProblemInsteadOfRoundingTheCentsAway() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		MvcTestResult result = post("/transfers", "{\"from\":" + alice + ",\"to\":" + bob + ",\"amount\":30.99}");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void transferWithAmountAboveTheLimitThen400ProblemForEveryStrategy() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		for (String strategy : List.of("naive", "pessimistic", "optimistic", "atomic-update", "serializable")) {
			assertThat(transfer(bob, alice, Long.MAX_VALUE, strategy)).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void openAccountWithBalanceAboveTheLimitThen400Problem() {
		assertThat(post("/accounts", "{\"owner\":\"croesus\",\"balance\":" + Long.MAX_VALUE + "}"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void transferWithoutBodyFieldsThen400Problem() {
		assertThat(post("/transfers", "{\"from\":1}")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(post("/transfers", "not json")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void transferToTheSameAccountThen400Problem() {
		long alice = open("alice", 100);

		assertThat(transfer(alice, alice, 10, null)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Same account");
	}

	@Test
	void transferWithUnknownStrategyThen400Problem() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		assertThat(transfer(alice, bob, 10, "yolo")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(balance(alice)).isEqualTo(100);
	}

	@Test
	void retriedRequestWithSameIdempotencyKeyReturnsTheFirstResultAndMovesMoneyOnce() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		MvcTestResult first = transfer(alice, bob, 30, null, "pay-rent-2026-11");
		MvcTestResult retried = transfer(alice, bob, 30, null, "pay-rent-2026-11");

		assertThat(first).hasStatus(HttpStatus.CREATED).hasHeader(TransferController.REPLAYED, "false");
		assertThat(retried).hasStatus(HttpStatus.CREATED).hasHeader(TransferController.REPLAYED, "true");
		assertThat(id(retried)).isEqualTo(id(first));
		assertThat(balance(alice)).isEqualTo(70);
		assertThat(balance(bob)).isEqualTo(30);
	}

	@Test
	void sameIdempotencyKeyWithDifferentBodyThen422AndNothingMoves() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);
		transfer(alice, bob, 30, null, "key-1");

		MvcTestResult reused = transfer(alice, bob, 40, null, "key-1");

		assertThat(reused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(reused).bodyJson().extractingPath("$.title").isEqualTo("Idempotency-Key reused");
		assertThat(balance(alice)).isEqualTo(70);
	}

	@Test
	void idempotencyKeyOfARefusedTransferIsNotConsumedTheRetryIsEvaluatedAgain() {
		long alice = open("alice", 100);
		long bob = open("bob", 0);

		// A refusal moved nothing, so nothing is stored under the key: a retry with the
		// same body is refused again (not replayed), and a corrected body may use the
		// key.
		assertThat(transfer(alice, bob, 101, null, "key-2")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(transfer(alice, bob, 101, null, "key-2")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Insufficient funds");
		assertThat(transfer(alice, bob, 60, null, "key-2")).hasStatus(HttpStatus.CREATED)
			.hasHeader(TransferController.REPLAYED, "false");

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
			List<Future<MvcTestResult>> results = IntStream.range(0, 16).mapToObj((i) -> threads.submit(() -> {
				start.await();
				return transfer(alice, bob, 60, strategy, "double-click-" + strategy);
			})).toList();
			start.countDown();
			for (Future<MvcTestResult> result : results) {
				MvcTestResult response = result.get(Session.PATIENCE.toSeconds(), TimeUnit.SECONDS);
				assertThat(response).hasStatus(HttpStatus.CREATED);
			}
			assertThat(results.stream().map(this::idOf).distinct()).hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(balance(alice)).isEqualTo(40);
		assertThat(balance(bob)).isEqualTo(60);
	}

	private long idOf(Future<MvcTestResult> result) {
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
		MvcTestResult result = this.mvc.get().uri("/accounts/{id}", account).exchange();
		return ((Number) JsonPath.read(body(result), "$.balance")).longValue();
	}

	private MvcTestResult transfer(long from, long to, long amount, String strategy, String... idempotencyKey) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri("/transfers")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}");
		if (strategy != null) {
			request.param("strategy", strategy);
		}
		if (idempotencyKey.length > 0) {
			request.header(TransferController.IDEMPOTENCY_KEY, idempotencyKey[0]);
		}
		return request.exchange();
	}

	private MvcTestResult post(String path, String json) {
		return this.mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static long id(MvcTestResult result) {
		return ((Number) JsonPath.read(body(result), "$.id")).longValue();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
