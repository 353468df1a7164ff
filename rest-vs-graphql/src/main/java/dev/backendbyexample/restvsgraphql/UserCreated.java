package dev.backendbyexample.restvsgraphql;

/**
 * The outcome of a create: the user, and whether it was made by an earlier request with
 * the same Idempotency-Key (a replay) rather than by this one.
 *
 * @param user the user
 * @param replayed true when an earlier request made it
 */
record UserCreated(User user, boolean replayed) {

}
