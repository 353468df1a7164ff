/**
 * Real backing services for tests, demos and {@code spring-boot:test-run}: Testcontainers
 * where a Docker engine answers, the machine's own servers otherwise, and one namespace
 * per application context so that contexts never see each other's data.
 */
@NullMarked
package dev.backendbyexample.testsupport;

import org.jspecify.annotations.NullMarked;
