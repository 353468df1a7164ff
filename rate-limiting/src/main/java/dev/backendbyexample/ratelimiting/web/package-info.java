/**
 * The HTTP edge: policies per route and client, the standard headers, 429 and 503 as RFC
 * 9457 problems, and what to do when Redis is down.
 */
@NullMarked
package dev.backendbyexample.ratelimiting.web;

import org.jspecify.annotations.NullMarked;
