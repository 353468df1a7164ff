package dev.backendbyexample.testsupport.starter;

/** Exercise markers or an exercise manifest that would give a broken starter. */
public class MarkerException extends RuntimeException {

	MarkerException(String message) {
		super(message);
	}

}
