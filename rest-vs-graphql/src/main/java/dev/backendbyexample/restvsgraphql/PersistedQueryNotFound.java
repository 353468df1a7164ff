package dev.backendbyexample.restvsgraphql;

/**
 * No persisted query has the given name: arbitrary queries are not run over GET.
 */
class PersistedQueryNotFound extends RuntimeException {

	PersistedQueryNotFound(String name) {
		super("No persisted query is named " + name + ".");
	}

}
