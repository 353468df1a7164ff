package dev.backendbyexample.security.jwt;

/**
 * Thrown for a note that does not exist and for another user's note alike: a 403 would
 * confirm that the id exists (OWASP API1, broken object-level authorization).
 */
class NoteNotFound extends RuntimeException {

	NoteNotFound() {
		super("No such note.");
	}

}
