/**
 * A product catalogue on PostgreSQL, cached on Redis and in a local Caffeine level kept
 * coherent over Redis pub/sub, with stampede protection and HTTP validation caching.
 */
@NullMarked
package dev.backendbyexample.caching;

import org.jspecify.annotations.NullMarked;
