package dev.backendbyexample.transactions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transfer rows: written by every strategy inside its transaction, read for replays
 * and history.
 */
@Repository
class Ledger {

	private static final String COLUMNS = "id, from_account as \"from\", to_account as \"to\", amount, strategy, created_at";

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes the ledger row of a transfer whose balances were just updated.
	 * @throws org.springframework.dao.DuplicateKeyException if the paying account already
	 * used the idempotency key: the caller's transaction must roll back
	 */
	Transfer record(TransferCommand command, Strategy strategy) {
		return this.jdbc.sql("""
				insert into transfer (from_account, to_account, amount, strategy, idempotency_key, request_fingerprint)
				values (:from, :to, :amount, :strategy, :key, :fingerprint)
				returning %s""".formatted(COLUMNS))
			.param("from", command.from())
			.param("to", command.to())
			.param("amount", command.amount())
			.param("strategy", strategy.slug())
			.param("key", command.idempotencyKey())
			.param("fingerprint", (command.idempotencyKey() != null) ? command.fingerprint() : null)
			.query(Ledger::transfer)
			.single();
	}

	/**
	 * The transfer the paying account stored under this key: keys are scoped per payer,
	 * so another payer's equal key is a different request.
	 */
	Optional<Replay> findByIdempotencyKey(long from, String key) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ ", request_fingerprint from transfer where from_account = :from and idempotency_key = :key")
			.param("from", from)
			.param("key", key)
			.query((rs, row) -> new Replay(transfer(rs, row), rs.getString("request_fingerprint")))
			.optional();
	}

	Optional<Transfer> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from transfer where id = :id")
			.param("id", id)
			.query(Ledger::transfer)
			.optional();
	}

	List<Transfer> findByAccount(long accountId, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from transfer where from_account = :id or to_account = :id order by id desc limit :limit")
			.param("id", accountId)
			.param("limit", limit)
			.query(Ledger::transfer)
			.list();
	}

	List<Transfer> findLatest(int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from transfer order by id desc limit :limit")
			.param("limit", limit)
			.query(Ledger::transfer)
			.list();
	}

	private static Transfer transfer(ResultSet rs, int row) throws SQLException {
		return new Transfer(rs.getLong("id"), rs.getLong("from"), rs.getLong("to"), rs.getLong("amount"),
				rs.getString("strategy"), rs.getTimestamp("created_at").toInstant());
	}

	/**
	 * A transfer stored under an idempotency key, with the fingerprint of the request
	 * that created it.
	 *
	 * @param transfer the stored transfer
	 * @param fingerprint what the original request asked for
	 */
	record Replay(Transfer transfer, String fingerprint) {
	}

}
