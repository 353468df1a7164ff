/**
 * {@code ./bbe starter} and {@code ./bbe exercise}: a module's exercises, the markers
 * around their solutions, and the standalone copy in which the solutions are cut out.
 * Plain JDK only, so {@code bbe} can run it with {@code java} on the compiled classes.
 */
@NullMarked
package dev.backendbyexample.testsupport.starter;

import org.jspecify.annotations.NullMarked;
