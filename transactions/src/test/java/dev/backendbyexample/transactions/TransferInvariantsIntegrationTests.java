package dev.backendbyexample.transactions;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each safe strategy under load: 16 threads, 10,000 random transfers among 6 accounts
 * (hot rows on purpose, so nearly every transfer contends with another), then every
 * invariant checked. The load goes through {@link TransferService}, not HTTP, to keep the
 * suite short; {@code TransactionsDemoIntegrationTests} runs the same load over HTTP.
 */
@TransactionsIntegrationTest
class TransferInvariantsIntegrationTests {

	static final int THREADS = 16;

	static final int TRANSFERS = 10_000;

	static final int ACCOUNTS = 6;

	static final long OPENING_BALANCE = 10_000;

	/** Up to a tenth of an opening balance: some transfers overdraw and are rejected. */
	static final long MAX_AMOUNT = 1_000;

	@Autowired
	TransferService transfers;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest
	@EnumSource(names = { "PESSIMISTIC", "OPTIMISTIC", "ATOMIC_UPDATE", "SERIALIZABLE" })
	void concurrentTransfersOnHotAccountsConserveMoneyNeverOverdrawAndLedgerEachOnce(Strategy strategy)
			throws Exception {
		List<Long> ids = LongStream.range(0, ACCOUNTS)
			.mapToObj((i) -> this.accounts.open(strategy.slug() + "-" + i, OPENING_BALANCE).id())
			.toList();

		TransferLoad.Tally tally = TransferLoad.run(THREADS, TRANSFERS, ids, MAX_AMOUNT,
				(command) -> Verdicts.throughService(this.transfers, strategy, command));

		assertThat(tally.failures()).as("unexpected failures").isEmpty();
		assertThat(tally.attempts()).isEqualTo(TRANSFERS);
		assertThat(tally.acceptedIds()).as("accepted transfers").hasSizeGreaterThan(TRANSFERS / 2);
		if (strategy == Strategy.PESSIMISTIC || strategy == Strategy.ATOMIC_UPDATE) {
			// They never retry, so they never give up: every transfer is accepted or
			// rejected for lack of funds.
			assertThat(tally.conflicted()).isZero();
		}
		List<Long> balances = balancesOf(ids);
		assertThat(balances.stream().mapToLong(Long::longValue).sum()).as("total balance conserved")
			.isEqualTo(ACCOUNTS * OPENING_BALANCE);
		assertThat(balances).as("no balance negative").allSatisfy((balance) -> assertThat(balance).isNotNegative());
		List<Long> ledger = ledgerIdsOf(ids);
		assertThat(ledger).as("each accepted transfer in the ledger exactly once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(tally.acceptedIds());
		assertThat(balances).as("each balance is its opening balance plus its ledger entries")
			.containsExactlyElementsOf(replayLedger(ids));
	}

	private List<Long> balancesOf(List<Long> ids) {
		return ids.stream().map((id) -> this.accounts.account(id).balance()).toList();
	}

	private List<Long> ledgerIdsOf(List<Long> ids) {
		return this.jdbc.sql("select id from transfer where from_account in (:ids)")
			.param("ids", ids)
			.query(Long.class)
			.list();
	}

	private List<Long> replayLedger(List<Long> ids) {
		Map<Long, Long> net = this.jdbc.sql("""
				select account, sum(delta) from (
				  select from_account as account, -amount as delta from transfer where from_account in (:ids)
				  union all
				  select to_account, amount from transfer where to_account in (:ids)
				) moves group by account""")
			.param("ids", ids)
			.query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return ids.stream().map((id) -> OPENING_BALANCE + net.getOrDefault(id, 0L)).toList();
	}

}
