package dev.backendbyexample.transactions;

/**
 * A load run was asked for while another one was still running: one at a time, so that a
 * page left open cannot pile runs onto the database.
 */
class LoadRunInProgress extends RuntimeException {

	LoadRunInProgress(long running) {
		super("Load run " + running + " is still running; start another one when it has finished (at most "
				+ LoadRunRequest.MAX_SECONDS + " s)");
	}

}
