package dev.backendbyexample.security.jwt;

/**
 * Thrown for a refresh token that is unknown, expired, revoked or already used (whose
 * reuse has just revoked its family). One message for all: which it was is logged, not
 * told.
 */
class RefreshTokenRejected extends RuntimeException {

	RefreshTokenRejected() {
		super("The refresh token is invalid, expired or revoked; log in again.");
	}

}
