package dev.backendbyexample.messaging.rabbitmq;

/**
 * A failure that may pass (stock may arrive): the job is retried later, a bounded number
 * of times, then dead-lettered.
 */
class TransientFailure extends RuntimeException {

	TransientFailure(String message) {
		super(message);
	}

}
