package dev.backendbyexample.transactions;

/**
 * Every attempt of a retrying strategy met a concurrent writer; nothing was changed.
 */
class RetriesExhausted extends RuntimeException {

	RetriesExhausted(Strategy strategy, int attempts, Throwable last) {
		super("The " + strategy.slug() + " transfer conflicted with concurrent transfers " + attempts
				+ " times in a row", last);
	}

}
