package dev.backendbyexample.restvsgraphql;

/**
 * A page cursor this API did not make.
 */
class InvalidCursor extends RuntimeException {

	private final String parameter;

	InvalidCursor(String parameter) {
		super("The cursor is not one this API made: pass back a cursor from a previous page.");
		this.parameter = parameter;
	}

	/** The query parameter or GraphQL argument that held it. */
	String parameter() {
		return this.parameter;
	}

}
