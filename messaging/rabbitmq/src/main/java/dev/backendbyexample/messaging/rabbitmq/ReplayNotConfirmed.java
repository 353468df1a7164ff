package dev.backendbyexample.messaging.rabbitmq;

/** The broker did not confirm a replay; the dead letter stays, to be replayed again. */
class ReplayNotConfirmed extends RuntimeException {

	ReplayNotConfirmed(long id, String detail) {
		super("The broker did not confirm the replay of dead letter " + id + " (" + detail
				+ "); it is kept and can be replayed again");
	}

}
