package dev.backendbyexample.messaging.rabbitmq;

/** How fast an order ships; the last word of its routing key. */
enum Priority {

	standard, express

}
