package dev.backendbyexample.messaging.rabbitmq;

/** A dead letter is replayed once; a second replay would publish it twice. */
class AlreadyReplayed extends RuntimeException {

	AlreadyReplayed(long id) {
		super("Dead letter " + id + " was already replayed");
	}

}
