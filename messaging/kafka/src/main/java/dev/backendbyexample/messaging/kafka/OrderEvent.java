package dev.backendbyexample.messaging.kafka;

/**
 * Something that happened to an order; the order id is the record key, so every event of
 * one order lands on one partition, in the order it was sent.
 *
 * @param orderId the order, and the record key
 * @param sequence 1 for the order's first event, then 2, 3, …
 * @param status what happened (PLACED, PAID, SHIPPED, …)
 * @param amountCents the amount the event is about, in cents
 */
public record OrderEvent(String orderId, int sequence, String status, long amountCents) {

}
