/**
 * One domain (users, posts, comments on PostgreSQL) served twice: as REST resources with
 * exact HTTP semantics, and as one GraphQL endpoint with batching and query limits.
 */
@NullMarked
package dev.backendbyexample.restvsgraphql;

import org.jspecify.annotations.NullMarked;
