package dev.backendbyexample.transactions;

import org.jspecify.annotations.Nullable;

/**
 * A request to move money, as the strategies receive it.
 *
 * @param from the account to debit
 * @param to the account to credit
 * @param amount the amount in cents, positive
 * @param idempotencyKey the client's key for this request, if it sent one
 */
record TransferCommand(long from, long to, long amount, @Nullable String idempotencyKey) {

	/**
	 * The largest amount, and opening balance, in cents: 10^12 cents (one trillion cents,
	 * ten billion in whole currency units), far above any real transfer, and far enough
	 * below {@code Long.MAX_VALUE} that adding it to a balance cannot silently wrap
	 * around to a negative number.
	 */
	static final long MAX_CENTS = 1_000_000_000_000L;

	public TransferCommand {
		if (amount <= 0 || amount > MAX_CENTS) {
			throw new IllegalArgumentException("amount must be between 1 and " + MAX_CENTS + " cents");
		}
		if (from == to) {
			throw new TransferToSameAccount(from);
		}
	}

	public TransferCommand(long from, long to, long amount) {
		this(from, to, amount, null);
	}

	/**
	 * What a replay must match: the same key with another body is a different request.
	 */
	String fingerprint() {
		return this.from + ">" + this.to + ":" + this.amount;
	}

	/** The lower of the two account ids: every strategy that locks touches it first. */
	long firstInLockOrder() {
		return Math.min(this.from, this.to);
	}

	long secondInLockOrder() {
		return Math.max(this.from, this.to);
	}

}
