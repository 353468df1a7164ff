package dev.backendbyexample.testsupport;

/**
 * A backing service did not answer: the message names it, the address tried, and how to
 * start it.
 */
public class BackingServiceUnavailableException extends IllegalStateException {

	BackingServiceUnavailableException(Service service, String address, String detail) {
		super(service.displayName() + " is not reachable at " + address + " (" + detail + "). " + service.howToStart());
	}

}
