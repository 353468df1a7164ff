package dev.backendbyexample.messaging.kafka;

/**
 * The payment can never succeed (a non-positive amount): retrying would only repeat the
 * rejection, so it goes straight to the dead-letter topic.
 */
public class PaymentRejected extends RuntimeException {

	PaymentRejected(String orderId, long amountCents) {
		super("Order " + orderId + " cannot be charged " + amountCents + " cents");
	}

}
