/**
 * Checks over every module's teaching material: the commands its README prints, and the
 * live-coding starter {@code ./bbe starter} writes from it.
 */
@NullMarked
package dev.backendbyexample.checks;

import org.jspecify.annotations.NullMarked;
