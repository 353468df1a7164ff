package dev.backendbyexample.messaging.kafka;

/**
 * What the exactly-once pipeline writes for each order event it reads; the source
 * partition and offset name the input, so a duplicate is visible.
 *
 * @param orderId the order
 * @param sequence the event's sequence within the order
 * @param amountCents the amount booked
 * @param sourcePartition the partition of the input record
 * @param sourceOffset the offset of the input record
 */
public record LedgerEntry(String orderId, int sequence, long amountCents, int sourcePartition, long sourceOffset) {

}
