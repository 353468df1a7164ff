package dev.backendbyexample.transactions;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The account rows, and the handful of statements the strategies differ by. Each
 * statement stays next to the method that names it: here the SQL <em>is</em> the
 * strategy.
 */
@Repository
class Accounts {

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Account open(String owner, long balance) {
		return this.jdbc
			.sql("insert into account (owner, balance) values (:owner, :balance) returning id, owner, balance, version")
			.param("owner", owner)
			.param("balance", balance)
			.query(Account.class)
			.single();
	}

	Optional<Account> find(long id) {
		return this.jdbc.sql("select id, owner, balance, version from account where id = :id")
			.param("id", id)
			.query(Account.class)
			.optional();
	}

	Account get(long id) {
		return find(id).orElseThrow(() -> new AccountNotFound(id));
	}

	/**
	 * Reads the row and keeps it locked until commit: a second {@code FOR UPDATE} on it
	 * waits.
	 */
	Account lock(long id) {
		return this.jdbc.sql("select id, owner, balance, version from account where id = :id for update")
			.param("id", id)
			.query(Account.class)
			.optional()
			.orElseThrow(() -> new AccountNotFound(id));
	}

	/** Writes an absolute balance computed in Java: safe only if nobody wrote since. */
	void setBalance(long id, long balance) {
		this.jdbc.sql("update account set balance = :balance, version = version + 1 where id = :id")
			.param("balance", balance)
			.param("id", id)
			.update();
	}

	/**
	 * Writes the balance only if the row is still at the version that was read.
	 * @return whether it was (false: a concurrent transfer won, start over)
	 */
	boolean setBalanceIfVersion(long id, long balance, long version) {
		return this.jdbc
			.sql("update account set balance = :balance, version = version + 1 where id = :id and version = :version")
			.param("balance", balance)
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/**
	 * Debits only if the balance covers it, checked and written in one statement: the row
	 * lock taken by the {@code UPDATE} makes the check and the write atomic.
	 * @return whether the debit happened
	 */
	boolean debitIfCovered(long id, long amount) {
		return this.jdbc.sql(
				"update account set balance = balance - :amount, version = version + 1 where id = :id and balance >= :amount")
			.param("amount", amount)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * @return whether the account exists (and was credited)
	 */
	boolean credit(long id, long amount) {
		return this.jdbc.sql("update account set balance = balance + :amount, version = version + 1 where id = :id")
			.param("amount", amount)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * The balances of the given accounts, in id order, read by one statement: one
	 * snapshot, so their sum is a total no concurrent transfer is half-way through.
	 */
	List<Long> balances(List<Long> ids) {
		return this.jdbc.sql("select balance from account where id in (:ids) order by id")
			.param("ids", ids)
			.query(Long.class)
			.list();
	}

}
