package dev.backendbyexample.transactions;

import java.util.Locale;

/**
 * The five ways this module moves money, from the broken one to the strictest.
 */
enum Strategy {

	/** Read both balances, compute, write them back: loses updates under concurrency. */
	NAIVE,

	/** {@code SELECT ... FOR UPDATE} on both rows, lowest id first. */
	PESSIMISTIC,

	/** A version column checked on write; retried with backoff on conflict. */
	OPTIMISTIC,

	/** One conditional {@code UPDATE ... WHERE balance >= amount}; no read at all. */
	ATOMIC_UPDATE,

	/** The naive code, but at SERIALIZABLE, retried on SQLSTATE 40001. */
	SERIALIZABLE;

	/** The name used in URLs and configuration, e.g. {@code atomic-update}. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Reads {@code atomic-update}, {@code ATOMIC_UPDATE} and the like. */
	public static Strategy of(String slug) {
		return valueOf(slug.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
