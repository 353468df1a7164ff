/**
 * Headless Chromium for the tests of a module's live page: a real browser, its console
 * errors turned into test failures, and a screenshot the module README can show.
 */
@NullMarked
package dev.backendbyexample.testsupport.browser;

import org.jspecify.annotations.NullMarked;
