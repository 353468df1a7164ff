/**
 * The five algorithms on Redis: one Lua script each, one EVALSHA round trip per decision,
 * Redis's own clock, a TTL on every key.
 */
@NullMarked
package dev.backendbyexample.ratelimiting.redis;

import org.jspecify.annotations.NullMarked;
