package dev.backendbyexample.restvsgraphql;

import java.util.List;

/**
 * Input that breaks the domain's constraints once merged with what is stored (a merge
 * patch that removes a required field, say), naming every offending field.
 */
class InvalidInput extends RuntimeException {

	private final List<InvalidField> errors;

	InvalidInput(List<InvalidField> errors) {
		super("The input breaks its constraints: "
				+ String.join(", ", errors.stream().map((e) -> e.pointer() + " " + e.detail()).toList()) + ".");
		this.errors = List.copyOf(errors);
	}

	List<InvalidField> errors() {
		return this.errors;
	}

}
