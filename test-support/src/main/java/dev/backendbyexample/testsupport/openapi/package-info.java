/**
 * The tests' HTTP client, checked against the module's own OpenAPI document: a response
 * the document does not describe fails the test that received it.
 */
@NullMarked
package dev.backendbyexample.testsupport.openapi;

import org.jspecify.annotations.NullMarked;
