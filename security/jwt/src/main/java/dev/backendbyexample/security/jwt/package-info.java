/**
 * A JWT-secured API: users and passwords in PostgreSQL, short-lived access tokens signed
 * with ES256 by jjwt and checked by Spring Security's resource-server support, rotating
 * refresh tokens with reuse detection, roles and ownership checks, a field encrypted at
 * rest.
 */
@NullMarked
package dev.backendbyexample.security.jwt;

import org.jspecify.annotations.NullMarked;
