/**
 * Kafka as an ordered, replayable log: keyed order events, consumer groups, retry topics
 * and a dead-letter topic, and an exactly-once read-process-write pipeline.
 */
@NullMarked
package dev.backendbyexample.messaging.kafka;

import org.jspecify.annotations.NullMarked;
