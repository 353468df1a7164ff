package dev.backendbyexample.transactions;

import java.sql.Connection;

/**
 * The three isolation levels PostgreSQL really has (READ UNCOMMITTED behaves as READ
 * COMMITTED).
 */
enum Isolation {

	READ_COMMITTED("read committed", Connection.TRANSACTION_READ_COMMITTED),

	REPEATABLE_READ("repeatable read", Connection.TRANSACTION_REPEATABLE_READ),

	SERIALIZABLE("serializable", Connection.TRANSACTION_SERIALIZABLE);

	private final String label;

	private final int jdbcLevel;

	Isolation(String label, int jdbcLevel) {
		this.label = label;
		this.jdbcLevel = jdbcLevel;
	}

	String label() {
		return this.label;
	}

	int jdbcLevel() {
		return this.jdbcLevel;
	}

}
