package dev.backendbyexample.transactions;

import java.time.Instant;

/**
 * One accepted transfer, as written to the ledger.
 *
 * @param id the ledger id
 * @param from the debited account
 * @param to the credited account
 * @param amount the amount in cents
 * @param strategy the strategy that moved the money
 * @param createdAt when it committed
 */
record Transfer(long id, long from, long to, long amount, String strategy, Instant createdAt) {

}
