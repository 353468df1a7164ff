package dev.backendbyexample.security.jwt;

/**
 * What a user may do; carried in the access token's {@code roles} claim.
 */
enum Role {

	USER, ADMIN

}
