package dev.backendbyexample.transactions;

/**
 * An {@code Idempotency-Key} came back with a different request body.
 */
class IdempotencyKeyReused extends RuntimeException {

	IdempotencyKeyReused(String key) {
		super("Idempotency-Key " + key + " was already used for a different transfer");
	}

}
