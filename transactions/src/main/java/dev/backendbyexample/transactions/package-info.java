/**
 * Money transfers on PostgreSQL, with five concurrency strategies behind one interface.
 */
@NullMarked
package dev.backendbyexample.transactions;

import org.jspecify.annotations.NullMarked;
