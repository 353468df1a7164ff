package dev.backendbyexample.messaging.kafka;

/**
 * The payment gateway did not answer in time: worth retrying later.
 */
public class GatewayTimeout extends RuntimeException {

	GatewayTimeout(String orderId) {
		super("The payment gateway timed out charging order " + orderId);
	}

}
