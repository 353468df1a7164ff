package dev.backendbyexample.transactions;

/**
 * A transfer, and whether it was moved just now or replayed from an earlier request with
 * the same {@code Idempotency-Key}.
 *
 * @param transfer the ledger entry
 * @param replayed true when no money moved this time
 */
record TransferResult(Transfer transfer, boolean replayed) {

}
