/**
 * Orders published to RabbitMQ through a transactional outbox with publisher confirms,
 * and consumed by idempotent consumers that acknowledge after their PostgreSQL commit: a
 * work queue, a fanout, a topic exchange, bounded retries and a dead-letter queue.
 */
@NullMarked
package dev.backendbyexample.messaging.rabbitmq;

import org.jspecify.annotations.NullMarked;
