package dev.backendbyexample.transactions;

/**
 * An account and its balance in cents.
 *
 * @param id the account id
 * @param owner who owns it
 * @param balance the balance in cents
 * @param version bumped on every write; what the optimistic strategy compares
 */
record Account(long id, String owner, long balance, long version) {

}
