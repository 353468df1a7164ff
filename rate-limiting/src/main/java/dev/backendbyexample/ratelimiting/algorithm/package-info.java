/**
 * The contract every limiter honours and the five algorithms in memory, each driven by an
 * injectable clock.
 */
@NullMarked
package dev.backendbyexample.ratelimiting.algorithm;

import org.jspecify.annotations.NullMarked;
