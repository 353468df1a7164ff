/**
 * The narrated demos: a small narrator and HTTP helper, so every module's transcript
 * looks alike.
 */
@NullMarked
package dev.backendbyexample.testsupport.demo;

import org.jspecify.annotations.NullMarked;
