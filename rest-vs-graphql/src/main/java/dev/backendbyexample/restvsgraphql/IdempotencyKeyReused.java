package dev.backendbyexample.restvsgraphql;

/**
 * An Idempotency-Key sent again with a different body (a client bug, not a retry), or
 * whose user was deleted since.
 */
class IdempotencyKeyReused extends RuntimeException {

	IdempotencyKeyReused(String message) {
		super(message);
	}

}
