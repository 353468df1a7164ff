package dev.backendbyexample.messaging.rabbitmq;

/** No dead letter has this id. */
class DeadLetterNotFound extends RuntimeException {

	DeadLetterNotFound(long id) {
		super("No dead letter " + id);
	}

}
