package dev.backendbyexample.transactions;

/**
 * No load run has this id, or it is older than the last {@value LoadRuns#KEPT}.
 */
class LoadRunNotFound extends RuntimeException {

	LoadRunNotFound(long id) {
		super("Load run " + id + " does not exist (only the last " + LoadRuns.KEPT + " are kept)");
	}

}
