package dev.backendbyexample.messaging.rabbitmq;

import java.util.UUID;

/** No order has this id. */
class OrderNotFound extends RuntimeException {

	OrderNotFound(UUID id) {
		super("No order " + id);
	}

}
