/**
 * A rate-limited sample API: five algorithms, in memory or on Redis, behind one contract.
 */
@NullMarked
package dev.backendbyexample.ratelimiting;

import org.jspecify.annotations.NullMarked;
