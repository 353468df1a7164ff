package dev.backendbyexample.messaging.rabbitmq;

/**
 * A message no retry can fix (unreadable, invalid, about nothing that exists): it goes
 * straight to the dead-letter queue with this message as its reason.
 */
class PoisonMessage extends RuntimeException {

	PoisonMessage(String reason) {
		super(reason);
	}

}
